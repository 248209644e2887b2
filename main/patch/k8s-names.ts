/**
 * The Kubernetes API server's name rules, written once for main and the renderer: an object's
 * `metadata.name` is an RFC 1123 subdomain (≤ 253 characters), a label value or a name that must
 * be a DNS label (`app.kubernetes.io/part-of`, a ConfigMap name part) is an RFC 1123 label (≤ 63).
 */

/** RFC 1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: DNS labels joined by '.'. */
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const MAX_NAME_LENGTH = 253;
export const MAX_LABEL_LENGTH = 63;

export const NAME_RULE = 'Lowercase letters, digits, "-" and "."; start and end with a letter or digit.';

/** Why `name` cannot be an object's metadata.name, or undefined when it can. */
export function objectNameProblem(name: string): string | undefined {
  if (name === '') return 'A name is required.';
  if (name.length > MAX_NAME_LENGTH) return `At most ${MAX_NAME_LENGTH} characters.`;
  return DNS_SUBDOMAIN.test(name) ? undefined : NAME_RULE;
}

/** True when `value` is a DNS label (≤ 63 characters). */
export function isDnsLabel(value: string): boolean {
  return value.length <= MAX_LABEL_LENGTH && DNS_LABEL.test(value);
}
