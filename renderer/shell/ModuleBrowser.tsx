/** Placeholder; being fleshed out by the shell helper. */
export function ModuleBrowser() {
  return null;
}
