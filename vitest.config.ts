import { defineConfig } from 'vitest/config';

/** Vitest runs the *.test.ts files that sit beside the code; fixture repositories are data. */
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/fixtures/**', 'reports/**', 'dist/**'],
  },
});
