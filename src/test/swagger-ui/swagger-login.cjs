// Logs in through Swagger UI's Authorize button (OAuth2 password flow) in headless Chromium, then calls the
// protected GET /users/me from Swagger UI and expects 200 with the logged-in user. Usage:
//   node swagger-login.cjs BASE_URL USERNAME PASSWORD SCREENSHOT.png
const { chromium } = require('playwright-core');

async function main() {
  const [base, username, password, screenshot] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${base}/q/swagger-ui/`);
    await page.locator('.auth-wrapper button.authorize').click();

    const oauth = page.locator('.auth-container').filter({ hasText: 'OAuth2, password' });
    await oauth.locator('#oauth_username').fill(username);
    await oauth.locator('#oauth_password').fill(password);
    await oauth.locator('button.authorize').click();
    await oauth.locator('button', { hasText: 'Logout' }).waitFor({ timeout: 15000 });
    await page.locator('button.btn-done, button.close-modal').first().click();

    const operation = page.locator('.opblock-get').filter({
      has: page.locator('.opblock-summary-path[data-path="/users/me"]'),
    });
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();
    const status = operation.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor({ timeout: 15000 });
    const code = (await status.innerText()).trim();
    const body = await operation.locator('.live-responses-table .response-col_description pre').first().innerText();
    await page.screenshot({ path: screenshot, fullPage: true });

    if (!code.startsWith('200') || !body.includes(`"username": "${username}"`)) {
      throw new Error(`GET /users/me from Swagger UI answered ${code}: ${body}`);
    }
    console.log(`Swagger UI logged in as ${username} and GET /users/me answered ${code}`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
