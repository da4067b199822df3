// The page: watch one scan (the default), or a list of files at once (`#files`), chosen by the
// address's fragment so that either view can be bookmarked.
import { useEffect, useState } from 'react';
import type { WatchConfig } from './config.ts';
import { FilesPage } from './FilesPage.tsx';
import { ScanPage } from './ScanPage.tsx';
import './style.css';

type View = 'scan' | 'files';

const viewOf = (hash: string): View => (hash === '#files' ? 'files' : 'scan');

export function App({ config }: { config: WatchConfig }) {
  const [view, setView] = useState<View>(() => viewOf(window.location.hash));
  useEffect(() => {
    const follow = () => setView(viewOf(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  return (
    <main>
      <h1>MDSS scan watcher</h1>
      <nav aria-label="Views">
        <a href="#scan" aria-current={view === 'scan' ? 'page' : undefined}>
          One file
        </a>{' '}
        <a href="#files" aria-current={view === 'files' ? 'page' : undefined}>
          Many files
        </a>
      </nav>
      {view === 'files' ? <FilesPage config={config} /> : <ScanPage config={config} />}
    </main>
  );
}
