/** Where the data folder keeps its warnings; a module of its own, so checking for it loads nothing else. */
export const WARNINGS_FILE = 'warnings.json'
