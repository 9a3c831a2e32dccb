/** Encodes a date as AWS JSON 1.0 does: epoch seconds with a fraction. */
export function toEpochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
