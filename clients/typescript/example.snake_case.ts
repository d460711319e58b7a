// The snake_case profile (API_JSON_NAMING=snake_case): the client generated from openapi_snake_case.json has the
// FastAPI template's operations and field names. Signs in, creates an item and reads its owner_id. CI type-checks this
// file beside example.ts (build/generate-client.sh --check).
import { createClient } from './src/client-snake_case/client';
import { itemsCreateItem, itemsReadItems, loginLoginAccessToken, usersReadUserMe, type ItemPublic } from './src/client-snake_case';

export async function createAndListMyItems(baseUrl: string, email: string, password: string): Promise<ItemPublic[]> {
  const anonymous = createClient({ baseUrl });
  const { data: token } = await loginLoginAccessToken({
    client: anonymous,
    body: { username: email, password, grant_type: 'password' },
    throwOnError: true,
  });

  const api = createClient({ baseUrl, auth: () => token.access_token });
  const { data: me } = await usersReadUserMe({ client: api, throwOnError: true });
  const { data: item } = await itemsCreateItem({
    client: api,
    body: { title: 'Written by the snake_case client', description: null },
    throwOnError: true,
  });
  const owner: string = item.owner_id;
  console.log(`${me.full_name ?? me.email} (superuser: ${me.is_superuser}) owns ${owner === me.id ? 'it' : 'nothing'}`);
  const { data: page } = await itemsReadItems({ client: api, query: { skip: 0, limit: 100 }, throwOnError: true });
  console.log(`${page.count} items; next page: ${page.next_cursor ?? '(none)'}`);
  return page.data;
}

// Run directly: node --experimental-strip-types example.snake_case.ts http://localhost:8000 admin@example.com changethis
const [baseUrl, email, password] = process.argv.slice(2);
if (baseUrl && email && password) {
  await createAndListMyItems(baseUrl, email, password);
}
