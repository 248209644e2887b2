/** Placeholder; being fleshed out by the shell helper. */
export function ConnectionBanner() {
  return null;
}
