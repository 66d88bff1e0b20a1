// End-to-end test of the netpoller in the player (issue 15): case 18 runs,
// a goroutine parks in IO wait, and the netpoller widget shows the pollDesc
// it parked on. On the release build in dist/, in Debian's Chromium; fails
// on any console error. The screenshot goes to target/e2e/.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUT, caseIndex, useBrowser } from './harness.mjs';

const browser = useBrowser();

describe('netpoller', () => {
  test('case 18: step until a goroutine parks in IO wait, and its pollDesc shows it on rg', async () => {
    const found = caseIndex().find((c) => c.file.startsWith('18-'));
    assert.ok(found, 'case 18 exists');
    assert.equal(found.runnable, true);
    const page = await browser.open({ width: 1366, height: 900 }, { reducedMotion: 'reduce' });
    await page.goto(browser.server.url + `#/case/${found.slug}`);
    await page.waitForSelector(`[data-testid=case-view][data-slug="${found.slug}"] [data-testid=playground]`);
    let parked = null;
    for (let i = 0; i < 200 && !parked; i++) {
      await page.click('[data-testid=step]');
      await page.waitForSelector('[data-testid=playground][data-running=false]');
      parked = await page.evaluate(() => {
        for (const card of document.querySelectorAll('[data-testid=goroutine][data-status=waiting]')) {
          if (card.querySelector('[data-testid=g-status]')?.textContent.includes('IO wait')) return card.dataset.g;
        }
        return null;
      });
    }
    assert.ok(parked, 'a goroutine parks in IO wait within 200 steps');
    const pd = await page.$(`[data-testid=polldesc][data-rg="g${parked}"], [data-testid=polldesc][data-wg="g${parked}"]`);
    assert.ok(pd, `a pollDesc names goroutine ${parked} on rg or wg`);
    const text = await pd.textContent();
    assert.match(text, /pollDesc fd \d+ · rg .* · wg /);
    assert.match(await page.textContent('[data-testid=epoll-lists]'), /interest list: \d/);
    assert.ok(await page.$('[data-testid=socket]'), 'the listening socket is drawn');
    await page.screenshot({ path: join(OUT, 'netpoll-io-wait.png') });
    await page.context().close();
  });
});
