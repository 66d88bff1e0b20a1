// End-to-end tests of the quiz room, on the release build in dist/ served
// from a sub-path: a teacher makes an assignment, learners take it (one
// answer wrong), reload mid-quiz and resume, hand in result codes that the
// class view reads (with a damaged one) and exports as CSV, the presenter
// is driven by the keyboard alone, and a hostile name stays text
// everywhere. The right answers come from the quiz data in the built
// site's cases/<slug>.json, which crates/case-export computed. Every test
// fails on any console error (e2e/harness.mjs); screenshots go to
// target/e2e/quiz-*.png.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, OUT, caseIndex, useBrowser } from './harness.mjs';

const HOSTILE = '<img src=x onerror=alert(1)>';

const browser = useBrowser();
let page;

/** The index entry of the talk's case `number`. */
function caseNumbered(number) {
  const found = caseIndex().find((c) => c.number === number);
  assert.ok(found, `case ${number} exists`);
  return found;
}

/** The quiz data of case `number` under its own release (the assignments here use each case's own). */
function quizData(number) {
  const meta = caseNumbered(number);
  const json = JSON.parse(readFileSync(join(DIST, 'cases', `${meta.slug}.json`), 'utf8'));
  const go = meta.go ?? json.quiz.at(-1).go;
  const version = json.quiz.find((v) => v.go === go);
  assert.ok(version, `case ${number} has quiz data for Go ${go}`);
  return version;
}

async function open(viewport = { width: 1280, height: 720 }, options = {}) {
  page = await browser.open(viewport, { reducedMotion: 'reduce', ...options });
  // Markup injected from a name or a link would run alert(): fail on any dialog.
  page.on('dialog', (dialog) => {
    browser.problems.push(`dialog opened: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  return page;
}

async function goto(fragment) {
  await page.goto(browser.server.url + fragment);
}

/**
 * Makes the three-question assignment on the teacher's page: case 4 asks
 * what happens, case 14 what it prints (under Go 1.21, its own release),
 * case 3 which outputs are possible. Returns the learners' link and the
 * class view's.
 */
async function makeAssignment(title = 'Week 1: 通道') {
  await goto('#/quiz/new');
  await page.waitForSelector('[data-testid=quiz-assign]');
  await page.fill('[data-testid=assign-title]', title);
  await page.fill('[data-testid=assign-seed]', '4242');
  await page.press('[data-testid=assign-seed]', 'Tab');
  const row = (n) => page.locator(`[data-testid=assign-case][data-case="${n}"]`);
  await row(4).locator('input[type=checkbox]').check();
  await row(4).locator('select').selectOption({ index: 1 });
  await row(14).locator('input[type=checkbox]').check();
  await row(14).locator('select').selectOption({ index: 2 });
  await row(3).locator('input[type=checkbox]').check();
  await page.screenshot({ path: join(OUT, 'quiz-assign.png'), fullPage: true });
  await assertLabelled('the teacher\'s form');
  const learners = await page.inputValue('[data-testid=assign-link]');
  const classView = await page.inputValue('[data-testid=assign-class-link]');
  const presenter = await page.inputValue('[data-testid=assign-present-link]');
  // The talk's order: case 3, case 4, case 14.
  assert.match(learners, /#\/quiz\/take\?k=[0-9a-f]{8}&cases=3,4:h,14:p&seed=4242&title=/);
  return { learners, classView, presenter };
}

const verdict = () => page.textContent('[data-testid=quiz-verdict]');

/** Every form control on the page has a label (a <label>, aria-label or its own text). */
async function assertLabelled(where) {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea, button')]
      .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabelled, [], `unlabelled controls on ${where}`);
}

/** Picks options by their data-option values, answers, and waits for the reveal. */
async function answer(options) {
  for (const option of options) {
    await page.click(`[data-testid=quiz-option][data-option="${option}"] input`);
  }
  await page.click('[data-testid=quiz-submit]');
  await page.waitForSelector('[data-testid=quiz-reveal] [data-testid=playground]');
}

/** The canonical indices (data-option) of the right outputs. */
const rightOutputs = (version) => version.options.flatMap((o, i) => (o.right ? [String(i)] : []));

async function next() {
  await page.click('[data-testid=quiz-next]');
}

/**
 * Takes the assignment at `link` to the end: the "what happens?" question
 * wrong (a leak instead of a deadlock) unless `allRight`, the others right.
 * Returns the result code.
 */
async function takeQuiz(link, name, { allRight = false, screenshots = false } = {}) {
  await page.goto(link);
  await page.click('[data-testid=quiz-start]');
  // Case 3: which outputs are possible? Every right one.
  await page.waitForSelector('[data-testid=quiz-question][data-prompt=possible]');
  assert.equal(await page.locator('[data-testid=quiz-reveal]').count(), 0, 'the run stays hidden');
  assert.equal(await page.locator('[data-testid=quiz-submit]').isDisabled(), true, 'nothing to submit yet');
  const three = quizData(3);
  assert.ok(three.multi && rightOutputs(three).length >= 2);
  await answer(rightOutputs(three));
  assert.match(await verdict(), /^Right!/);
  await next();
  // Case 4: what happens? Wrong (a leak instead of a deadlock) unless allRight.
  await page.waitForSelector('[data-testid=quiz-question][data-prompt=happens]');
  assert.equal(await page.locator('[data-testid=quiz-reveal]').count(), 0, 'the run stays hidden');
  const four = quizData(4);
  assert.equal(four.outcome, 'deadlock');
  await answer([allRight ? 'deadlock' : 'leak']);
  assert.match(await verdict(), allRight ? /^Right!/ : /^Not quite\./);
  const player = page.locator('[data-testid=quiz-reveal] [data-testid=playground]');
  assert.equal(await player.getAttribute('data-position'), String(four.focus), 'the player opens at the step that matters');
  assert.match(await page.textContent('[data-testid=quiz-reveal] [data-testid=verdict]'), /all goroutines are asleep - deadlock!/);
  if (screenshots) {
    await page.screenshot({ path: join(OUT, 'quiz-reveal.png'), fullPage: true });
    await assertLabelled('a revealed question');
  }
  await next();
  // Case 14 under Go 1.21: what does it print? 3 3 3.
  await page.waitForSelector('[data-testid=quiz-question][data-prompt=prints]');
  const fourteen = quizData(14);
  assert.equal(fourteen.options[0].text, '3\n3\n3\n');
  if (screenshots) await page.screenshot({ path: join(OUT, 'quiz-question.png'), fullPage: true });
  await answer(rightOutputs(fourteen));
  assert.match(await verdict(), /^Right!/);
  await page.click('[data-testid=quiz-next]');
  await page.waitForSelector('[data-testid=quiz-results]');
  await page.fill('[data-testid=quiz-name]', name);
  return (await page.inputValue('[data-testid=result-code]')).trim();
}

/** A second learner or screen: the current browser context must have been clean; then a fresh one. */
async function reopen(viewport, options) {
  assert.deepEqual(browser.problems, [], 'no console errors, page errors or failed requests');
  await page.context().close();
  return open(viewport, options);
}

describe('quiz', () => {
  test('(1) a three-question assignment end to end, one answer wrong: score and review', async () => {
    await open();
    const { learners } = await makeAssignment();
    const code = await takeQuiz(learners, 'Ana', { screenshots: true });
    assert.match(code, /^GP-[0-9A-Z-]+$/);
    const score = page.locator('[data-testid=quiz-score]');
    assert.equal(await score.getAttribute('data-earned'), '200');
    assert.equal(await score.getAttribute('data-max'), '300');
    assert.match(await score.textContent(), /2 of 3 points \(67 %\)/);
    const review = page.locator('[data-testid=quiz-review-item]');
    assert.equal(await review.count(), 3);
    assert.deepEqual(
      await review.evaluateAll((items) => items.map((i) => i.dataset.points)),
      ['100', '0', '100'],
    );
    // The review shows the answer given and the right one for each question.
    const first = review.nth(1);
    const given = first.locator('[data-testid=quiz-option][data-option=leak]');
    assert.equal(await given.getAttribute('data-right'), 'false');
    assert.match(await given.textContent(), /your answer/);
    assert.equal(await first.locator('[data-testid=quiz-option][data-option=deadlock]').getAttribute('data-right'), 'true');
    assert.match(await page.textContent('[data-testid=quiz-sections]'), /Channel misuse: 1 \/ 2/);
    await page.screenshot({ path: join(OUT, 'quiz-results.png'), fullPage: true });
    await assertLabelled('the results');
  });

  test('(2) a reload mid-quiz offers to resume where the learner was', async () => {
    await open();
    await goto('#/quiz/take?cases=4:h,3,14:p&seed=9');
    await page.click('[data-testid=quiz-start]');
    await answer(['deadlock']);
    await next();
    await page.waitForSelector('[data-testid=quiz-question][data-prompt=possible]');
    await page.reload();
    await page.waitForSelector('[data-testid=quiz-intro]');
    assert.match(await page.textContent('[data-testid=quiz-intro]'), /1 of 3 answered/);
    await page.click('[data-testid=quiz-resume]');
    await page.waitForSelector('[data-testid=quiz-question][data-prompt=possible]');
    assert.match(await page.textContent('[data-testid=quiz-progress]'), /Question 2 of 3/);
    // An answered question comes back answered, with its reveal.
    await answer([rightOutputs(quizData(3))[0]]);
    await page.reload();
    await page.click('[data-testid=quiz-resume]');
    await page.waitForSelector('[data-testid=quiz-reveal]');
    assert.match(await verdict(), /^Partly right|^Right!/);
    await page.screenshot({ path: join(OUT, 'quiz-resumed.png'), fullPage: true });
    // Starting over forgets the stored quiz.
    await page.reload();
    await page.click('[data-testid=quiz-start]');
    await page.waitForSelector('[data-testid=quiz-question][data-prompt=happens]');
    assert.match(await page.textContent('[data-testid=quiz-progress]'), /Question 1 of 3/);
  });

  test('(3) the class view reads two learners\' codes and a damaged one, and exports CSV', async () => {
    await open();
    const { learners, classView } = await makeAssignment();
    const ana = await takeQuiz(learners, 'Ana');
    // A second learner, in a browser of their own.
    await reopen();
    const li = await takeQuiz(learners, '李雷', { allRight: true });
    // One character of a third code changed on the way.
    const last = li.at(-1) === 'A' ? 'B' : 'A';
    const damaged = li.slice(0, -1) + last;
    await page.goto(classView);
    await page.waitForSelector('[data-testid=quiz-class]');
    await page.fill('[data-testid=class-codes]', `${ana}\n${li}\n${damaged}\n`);
    await page.waitForSelector('[data-testid=class-table]');
    const names = await page.locator('[data-testid=class-name]').allTextContents();
    assert.deepEqual(names.map((n) => n.trim()), ['Ana', '李雷']);
    const rows = await page.locator('[data-testid=class-row]').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())),
    );
    assert.deepEqual(rows[0].slice(0, 4), ['✓', '✗', '✓', '2 (67%)']);
    assert.deepEqual(rows[1].slice(0, 4), ['✓', '✓', '✓', '3 (100%)']);
    const rates = await page.locator('[data-testid=class-rates] td').allTextContents();
    assert.deepEqual(rates.slice(0, 3), ['100%', '50%', '100%']);
    const problems = await page.locator('[data-testid=class-problem]').allTextContents();
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^Line 3: this code is damaged/);
    assert.match(await page.textContent('[data-testid=class-hardest]'), /#04 .* 50 % right/);
    // The same code pasted twice counts once, with its own line.
    await page.fill('[data-testid=class-codes]', `${ana}\n${li}\n${damaged}\n${ana}\n`);
    assert.match((await page.locator('[data-testid=class-problem]').allTextContents())[1], /^Line 4: the same code as line 1/);
    assert.equal(await page.locator('[data-testid=class-row]').count(), 2);
    await page.screenshot({ path: join(OUT, 'quiz-class.png'), fullPage: true });
    await assertLabelled('the class view');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=class-csv]')]);
    assert.equal(download.suggestedFilename(), 'class-results.csv');
    const bytes = readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte-order mark');
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    assert.match(lines[0], /^Student,#03 [a-z-]+:p,#04 lock-and-full-channel:h,#14 loop-variable-capture:p,Total,%,Time \(seconds\)$/);
    assert.match(lines[1], /^Ana,1,0,1,2,67,\d+$/);
    assert.match(lines[2], /^李雷,1,1,1,3,100,\d+$/);
    assert.equal(lines[3], 'Success rate,100%,50%,100%');
  });

  test('(4) the presenter view, driven by the keyboard alone', async () => {
    await open();
    await goto('#/quiz/present?cases=4:h,3,14:p&seed=9');
    const present = page.locator('[data-testid=quiz-present]');
    await page.waitForSelector('[data-testid=quiz-present] [data-testid=quiz-option]');
    assert.equal(await present.getAttribute('data-at'), '0');
    await page.keyboard.press('r');
    assert.equal(await present.getAttribute('data-revealed'), 'true');
    assert.equal(await page.locator('[data-testid=quiz-option][data-option=deadlock]').getAttribute('data-right'), 'true');
    await page.screenshot({ path: join(OUT, 'quiz-present.png') });
    await assertLabelled('the presenter');
    await page.keyboard.press('r');
    assert.equal(await present.getAttribute('data-revealed'), 'false');
    // Tab to the first hand-count box and type a count: keys typed there
    // are counts, not commands.
    const focused = () => page.evaluate(() => document.activeElement?.dataset.testid ?? '');
    for (let i = 0; i < 40 && (await focused()) !== 'present-hands'; i++) await page.keyboard.press('Tab');
    assert.equal(await focused(), 'present-hands');
    await page.keyboard.type('12r');
    assert.equal(await present.getAttribute('data-revealed'), 'false');
    assert.equal(await page.inputValue('[data-testid=present-hands] >> nth=0'), '12');
    // Choose a 30-second countdown with the keyboard, start it with T.
    for (let i = 0; i < 60 && (await focused()) !== 'present-countdown'; i++) await page.keyboard.press('Shift+Tab');
    assert.equal(await focused(), 'present-countdown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('t');
    await page.waitForFunction(() => /^0:2\d$/.test(document.querySelector('[data-testid=present-clock]').textContent));
    await page.keyboard.press('t');
    // Next and previous; the count stays with its question.
    await page.keyboard.press('ArrowRight');
    assert.equal(await present.getAttribute('data-at'), '1');
    await page.keyboard.press('ArrowRight');
    assert.equal(await present.getAttribute('data-at'), '2');
    await page.keyboard.press('ArrowRight');
    assert.equal(await present.getAttribute('data-at'), '2', 'the last question stays');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await present.getAttribute('data-at'), '0');
    assert.equal(await page.inputValue('[data-testid=present-hands] >> nth=0'), '12');
  });

  test('(5) a hostile name and title show as text everywhere', async () => {
    await open();
    const { learners, classView } = await makeAssignment(HOSTILE);
    const code = await takeQuiz(learners, HOSTILE);
    assert.equal(await page.textContent('.quiz-title'), HOSTILE);
    assert.equal(await page.inputValue('[data-testid=quiz-name]'), HOSTILE);
    await page.reload();
    await page.waitForSelector('[data-testid=quiz-results]');
    assert.equal(await page.inputValue('[data-testid=quiz-name]'), HOSTILE, 'the name survives a reload');
    await page.goto(classView);
    await page.waitForSelector('[data-testid=quiz-class]');
    assert.equal(await page.textContent('.quiz-title'), HOSTILE);
    await page.fill('[data-testid=class-codes]', `${code}\n${HOSTILE}\n`);
    await page.waitForSelector('[data-testid=class-table]');
    assert.equal((await page.textContent('[data-testid=class-name]')).trim(), HOSTILE);
    assert.match(await page.textContent('[data-testid=class-problem]'), /no result code here/);
    assert.equal(await page.locator('img').count(), 0, 'no element was injected');
    await page.screenshot({ path: join(OUT, 'quiz-hostile.png'), fullPage: true });
    // A damaged link says so and keeps the stored quiz.
    await page.goto(learners.slice(0, learners.length - 6));
    await page.waitForSelector('[data-testid=quiz-link-error]');
    assert.match(await page.textContent('[data-testid=quiz-link-error]'), /damaged/);
    await page.goto(learners);
    await page.waitForSelector('[data-testid=quiz-results]');
  });

  test('Chinese, dark, 390 px phone and a 1280x720 projector', async () => {
    await open({ width: 390, height: 844 }, { locale: 'zh-CN', colorScheme: 'dark' });
    await goto('#/quiz/take?cases=14:p&lang=zh');
    await page.click('[data-testid=quiz-start]');
    await page.waitForSelector('[data-testid=quiz-question]');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
    assert.match(await page.textContent('[data-testid=quiz-question]'), /它会打印什么？/);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok((await overflow()) <= 0, `the question overflows by ${await overflow()} px`);
    await page.screenshot({ path: join(OUT, 'quiz-phone-zh-dark.png'), fullPage: true });
    await answer([rightOutputs(quizData(14))[0]]);
    assert.match(await verdict(), /答对了/);
    await page.click('[data-testid=quiz-next]');
    await page.waitForSelector('[data-testid=quiz-results]');
    assert.ok((await overflow()) <= 0, `the results overflow by ${await overflow()} px`);
    await reopen({ width: 1280, height: 720 }, { colorScheme: 'dark' });
    await goto('#/quiz/present?cases=14:p,6');
    await page.waitForSelector('[data-testid=quiz-present] [data-testid=quiz-option]');
    assert.ok((await overflow()) <= 0);
    await page.screenshot({ path: join(OUT, 'quiz-present-dark.png') });
  });
});
