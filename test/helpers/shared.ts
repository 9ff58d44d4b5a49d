/** Where the shared corpus, domain notes and seeds live (beside the repository). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const SHARED = process.env.LAKMOES_SHARED ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared');
export const hasShared = existsSync(SHARED);
export const sharedPath = (...parts: string[]): string => path.join(SHARED, ...parts);
