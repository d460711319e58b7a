import { defineConfig } from '@hey-api/openapi-ts';

// Generates src/client from the committed OpenAPI document (build/generate-client.sh runs this).
export default defineConfig({
  input: '../../src/CleanApp.Web/openapi.json',
  output: 'src/client',
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
});
