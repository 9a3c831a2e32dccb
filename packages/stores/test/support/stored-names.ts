import { readdirSync } from 'node:fs';

/** Lists the names in a local directory, hidden ones included, sorted; [] when it does not exist. */
export function storedNames(directory: string): string[] {
  try {
    return readdirSync(directory).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
}
