import { readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';
import { KIND_ORIGINS, TEAM_KINDS } from './utils/team/destination';

/** The group robots' origins (team alerts): DingTalk, WeCom, Feishu, Lark, Slack, in this order. */
const TEAM_ORIGINS = TEAM_KINDS.map((kind) => KIND_ORIGINS[kind]);

/**
 * Only the pages of the extension itself, pro.qcc.com, and the five group robots' origins, all over HTTPS. The worker
 * is bound by this policy too, so a robot outside these five cannot be reached even with its site access granted.
 */
const EXTENSION_PAGES_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  `connect-src 'self' https://pro.qcc.com ${TEAM_ORIGINS.join(' ')}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The baseline: Chromium 102 (Chrome and Edge 109 on Windows 7, 360/QQ/Sogou and 信创 cores) and Firefox 140. */
const BUILD_TARGETS = ['chrome102', 'firefox140'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Every module imports what it uses (defineBackground, storage, browser): no auto-imports.
  imports: false,
  hooks: {
    // PRIVACY.md ships as privacy.txt for the options page's link; the byte-order mark makes browsers read it as UTF-8.
    'build:publicAssets': (_wxt, files) => {
      files.push({ relativeDest: 'privacy.txt', contents: `\uFEFF${readFileSync('PRIVACY.md', 'utf8')}` });
    },
  },
  vite: () => ({
    build: {
      // The supported browsers (README, "Supported browsers"; browserslist in package.json for the lint rules).
      target: BUILD_TARGETS,
      cssTarget: BUILD_TARGETS,
      // Extension pages support modulepreload natively: no polyfill in the pages' first module.
      modulePreload: { polyfill: false },
    },
  }),
  manifestVersion: 3,
  zip: {
    // AMO rebuilds from the sources zip: it needs PRIVACY.md (shipped as privacy.txt), not the test screenshots.
    includeSources: ['PRIVACY.md'],
    excludeSources: ['tests/screenshots/**', 'stats.html'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    permissions: ['storage', 'alarms', 'notifications'],
    host_permissions: ['https://pro.qcc.com/*'],
    // Team alerts: a robot's site is asked for when the user adds one (permissions.request in the click handler), never
    // at install. Chrome 102 and Firefox 128 read this MV3 key; WXT 0.20 keeps it as it is in both MV3 builds.
    optional_host_permissions: TEAM_ORIGINS.map((origin) => `${origin}/*`),
    action: { default_title: '__MSG_extName__' },
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // 140 on desktop and 142 on Android are the first to read data_collection_permissions;
            // everything else used (MV3 background scripts, action badge colours) is older.
            gecko: {
              id: 'qcc-quota-monitor@qcc-quota-monitor.github.io',
              strict_min_version: '140.0',
              // Required: none. Watching the quota sends nothing but the signed request to pro.qcc.com.
              // Optional: websiteContent. Team alerts send what pro.qcc.com answered (an account's module counts,
              // thresholds, run-out dates, error codes, under the account's name) to a chat service the user picks
              // (DingTalk, WeCom, Feishu, Lark, Slack): data handled outside the browser, in Mozilla's terms. They go
              // out in the background when a count crosses its threshold, not as the direct result of one click, so
              // they are not eligible for implicit consent; they exist only once the user adds a robot, so the
              // category is optional, not required. Firefox grants an optional category only when asked: the
              // settings page asks for it with the robot's site, in one permissions.request call
              // ({ origins, data_collection: ['websiteContent'] }), and the user can take it back in about:addons.
              // websiteContent ("request and response information") is what the numbers are; none of the other
              // categories fits: no person's identity, no payment data, no credentials (the company key, the
              // SecretKey and the webhook address are never in a message). README, "Team alerts", says the same.
              data_collection_permissions: { required: ['none'], optional: ['websiteContent'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          minimum_chrome_version: '102',
          // Enterprise policy (README, "Enterprise deployment"): Chrome and Edge check the policy against this schema.
          // Firefox reads policies.json without one.
          storage: { managed_schema: 'managed_schema.json' },
        }),
  }),
});
