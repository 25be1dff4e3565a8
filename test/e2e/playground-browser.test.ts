import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from '../utils/ensure-chromium';
import { startTestGateway, type TestGateway } from '../utils/gateway';

/** Screenshots go here (gitignored), for a person to look at what the test saw. */
const OUTPUT = path.join(__dirname, '..', '..', 'test-output');
/** Generous: a 9 MB page and its editors on a loaded 2-core machine. */
const PAGE_MS = 90_000;

/** A query whose answer depends on who asks: a district's dossiers, which a ward's officer may not list. */
const DISTRICT_DOSSIERS = /* GraphQL */ `query DistrictDossiers {
  dossiers(first: 1, filter: { agency: "000.00.41.H56" }) { totalCount }
}
`;

const browser = ensureChromium();
if ('reason' in browser) {
  process.stderr.write(`\n[playground browser test] SKIPPED: ${browser.reason}\n`);
}
const describeWithBrowser = 'path' in browser ? describe : describe.skip;

describeWithBrowser('the playground in a browser (Debian Chromium, headless)', () => {
  let gw: TestGateway;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const requests: Array<{ url: string; authorization: string | undefined; body: string | null }> = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    gw = await startTestGateway({ procedures: 40, dossiersPerProvince: 40, playground: { tabs: [{ query: DISTRICT_DOSSIERS }] } });
    profile = mkdtempSync(path.join(tmpdir(), 'lienthong-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: (browser as { path: string }).path, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1400, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(PAGE_MS);
    page.on('request', (req) => requests.push({ url: req.url(), authorization: req.headers().authorization, body: req.postData() }));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${gw.url}/`, { waitUntil: 'load', timeout: PAGE_MS });
  }, 4 * PAGE_MS);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await gw?.close();
  });

  /** Waits until the element `selector` shows `text` (editors render asynchronously); on timeout, says what it showed. */
  const waitForText = async (selector: string, text: string): Promise<void> => {
    const found = await page
      // Monaco renders spaces as no-break spaces: compare with whitespace folded.
      .waitForFunction(([sel, want]) => (document.querySelector(sel!)?.textContent ?? '').replace(/\s+/g, ' ').includes(want!.replace(/\s+/g, ' ')), [selector, text], { timeout: PAGE_MS })
      .then(() => true, () => false);
    if (!found) throw new Error(`${selector} never showed ${JSON.stringify(text)}; it shows ${JSON.stringify((await page.locator(selector).first().textContent())?.slice(0, 500))}`);
  };
  const graphqlRequests = () => requests.filter((r) => new URL(r.url).pathname === '/graphql');
  const bearerOf = (name: Parameters<TestGateway['as']>[0]) => gw.as(name).authorization;

  it('opens ready to use: the first demo principal picked and the schema loaded with its token', async () => {
    expect(await page.locator('#lienthong-principal').inputValue()).toBe('province-officer');
    expect(await page.locator('#lienthong-description').textContent()).toContain('000.00.00.H56');
    // The documentation explorer lists the schema's types, which only a successful introspection can know.
    await page.getByRole('button', { name: /Show Documentation Explorer/i }).click();
    await waitForText('.graphiql-doc-explorer', 'DossierStatistics');
    const introspection = graphqlRequests().find((r) => r.body?.includes('__schema'));
    expect(introspection?.authorization).toBe(bearerOf('province-officer'));
  }, 2 * PAGE_MS);

  it('runs a query as the principal picked, and shows what the API answers that principal', async () => {
    await page.locator('#lienthong-principal').selectOption('commune-officer');
    await page.getByRole('button', { name: /Execute query/i }).click();
    await waitForText('.graphiql-response', 'FORBIDDEN_JURISDICTION');
    expect(graphqlRequests().at(-1)?.authorization).toBe(bearerOf('commune-officer'));

    const expected = await gw.as('district-officer').graphql<{ dossiers: { totalCount: number } }>(DISTRICT_DOSSIERS);
    expect(expected.data!.dossiers.totalCount).toBeGreaterThan(0);
    await page.locator('#lienthong-principal').selectOption('district-officer');
    await page.getByRole('button', { name: /Execute query/i }).click();
    await waitForText('.graphiql-response', `"totalCount": ${expected.data!.dossiers.totalCount}`);
    expect(graphqlRequests().at(-1)?.authorization).toBe(bearerOf('district-officer'));

    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: path.join(OUTPUT, 'playground.png') });
  }, 3 * PAGE_MS);

  it('as a deployed gateway serves it (no principal), loads the schema once a token is pasted into its bar', async () => {
    const deployed = await startTestGateway({ procedures: 20 });
    const other = await context.newPage();
    try {
      other.setDefaultTimeout(PAGE_MS);
      const sent: Array<string | undefined> = [];
      other.on('request', (req) => {
        if (new URL(req.url()).pathname === '/graphql') sent.push(req.headers().authorization);
      });
      await other.goto(`${deployed.url}/playground`, { waitUntil: 'load', timeout: PAGE_MS });
      expect(await other.locator('#lienthong-principal').count()).toBe(0);
      await other.getByRole('button', { name: /Show Documentation Explorer/i }).click();
      await other.locator('#lienthong-token').fill(deployed.as('developer').authorization);
      await other.locator('#lienthong-use').click();
      const loaded = await other
        .waitForFunction(() => (document.querySelector('.graphiql-doc-explorer')?.textContent ?? '').includes('DossierStatistics'), undefined, { timeout: PAGE_MS })
        .then(() => true, () => false);
      expect({ loaded, sent }).toEqual({ loaded: true, sent: expect.arrayContaining([undefined, deployed.as('developer').authorization]) });
    } finally {
      await other.close();
      await deployed.close();
    }
  }, 3 * PAGE_MS);

  it('asked nothing of any origin but the gateway, and the page broke none of its own rules', () => {
    expect(graphqlRequests().length).toBeGreaterThanOrEqual(3);
    const elsewhere = requests.map((r) => r.url).filter((url) => !url.startsWith(`${gw.url}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
    expect(elsewhere).toEqual([]);
    expect(consoleErrors.filter((text) => /Content Security Policy|Refused to/i.test(text))).toEqual([]);
  });
});
