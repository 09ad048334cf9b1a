import { chromium } from 'playwright-core';
const [,, base, ...pages] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
for (const spec of pages) {
  const [path, name, lang] = spec.split('|');
  for (const width of [360, 1280]) {
    const c = await b.newContext({ viewport: { width, height: 800 } });
    if (lang === 'en') await c.addCookies([{ name: 'kt_lang', value: 'en', url: base }]);
    const p = await c.newPage();
    await p.goto(base + path);
    await p.screenshot({ path: `/tmp/shots/${name}-${lang || 'th'}-${width}.png`, fullPage: true });
    await c.close();
  }
}
await b.close();
