// Testing Library's findBy… and waitFor give up after 1 s by default: a busy machine can take
// that long to render what a test waits for. A deadline only a hang reaches instead.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 15_000 });
