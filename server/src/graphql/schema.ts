import { readFileSync } from 'node:fs';
import { findUp } from '../paths.js';

/** The contract: the repository's schema.graphql, found by walking up (works from src and dist). */
export function loadTypeDefs(): string {
  const path = findUp('schema.graphql');
  if (path === undefined) throw new Error('schema.graphql not found above the server package');
  return readFileSync(path, 'utf8');
}
