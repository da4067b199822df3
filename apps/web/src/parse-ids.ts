// The ids a person pasted: one per line, or separated by commas or spaces, each once in the
// order first given (a list pasted twice over is still one watch per file).

export const parseIds = (text: string): string[] => [
  ...new Set(text.split(/[\s,;]+/).filter((id) => id !== '')),
];
