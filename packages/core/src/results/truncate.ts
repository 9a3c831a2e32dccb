/**
 * Cuts `text` to at most `maxLength` UTF-16 code units, ending it with a
 * visible marker when something was cut. Never splits a surrogate pair.
 *
 * @internal
 */
export function truncateText(text: string, maxLength: number, marker: (originalLength: number) => string): string {
  if (text.length <= maxLength) {
    return text;
  }

  const suffix = marker(text.length);
  let end = Math.max(0, maxLength - suffix.length);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) {
    end -= 1;
  }

  return `${text.slice(0, end)}${suffix}`;
}
