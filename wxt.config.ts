import { defineConfig } from 'wxt';
import type { Plugin } from 'vite';

/**
 * Preact's renderer supports `dangerouslySetInnerHTML` with one `innerHTML` assignment
 * (preact/src/diff/index.js, diffElementNodes), the only one in the bundle and what AMO's linter warns
 * about. Onlooker never uses that prop (page-controlled strings are rendered as text), so the build
 * replaces the assignment with a throw: the shipped code cannot write HTML from a string, and a use
 * of the prop fails loudly in the built extension (and its real-browser tests) instead of working.
 * A Preact upgrade that changes the compiled shape fails the build here rather than silently keeping
 * the assignment.
 */
function withoutInnerHtml(): Plugin {
  const preactCore = /node_modules[\\/]preact[\\/]dist[\\/]preact(\.min)?(\.module)?\.(m?js)$/;
  const assignment = /\(([\w$]+)\.innerHTML=([\w$]+)\.__html\)/g;
  return {
    name: 'onlooker:preact-without-inner-html',
    transform(code, id) {
      if (!preactCore.test(id)) return null;
      const found = code.match(assignment)?.length ?? 0;
      if (found !== 1) throw new Error(`${id}: expected one innerHTML assignment in Preact, found ${found}; update withoutInnerHtml in wxt.config.ts`);
      return { code: code.replace(assignment, '(()=>{throw Error("dangerouslySetInnerHTML is not supported in Onlooker")})()'), map: null };
    },
  };
}

// Firefox MV3 keeps webRequestBlocking (needed for getSecurityInfo); Chrome MV3 only observes.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    short_name: 'Onlooker',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Icons: public/icon/<size>.png, made by scripts/icons.ts from scripts/icon*.svg.
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 96: 'icon/96.png', 128: 'icon/128.png' },
    action: { default_title: '__MSG_actionTitle__', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
    permissions: [
      'webRequest',
      'webNavigation',
      'storage',
      ...(browser === 'firefox' ? ['webRequestBlocking'] : []),
    ],
    host_permissions: ['<all_urls>'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'onlooker@onlooker.invalid',
              // data_collection_permissions exists from Firefox 140 (desktop) and 142 (Android).
              strict_min_version: '140.0',
              // Onlooker collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
            // Android: every API Onlooker uses is older (MDN browser-compat-data: webRequest and
            // webNavigation 48, getSecurityInfo 62, SecurityInfo.usedEch/usedPrivateDns 112, action 109,
            // storage.session 115); data_collection_permissions (142) sets the minimum.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '111' }),
  }),
  // The sources zip (Firefox, for AMO's source review) holds what building the package needs and the
  // instructions, nothing else: everything is excluded, then this list is included.
  zip: {
    excludeSources: ['**'],
    includeSources: [
      'README.md',
      'CHANGELOG.md',
      'docs/reviewers.md',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'wxt.config.ts',
      'entrypoints/**',
      'components/**',
      'utils/**',
      'types/**',
      'public/**',
    ],
  },
  vite: () => ({
    plugins: [withoutInnerHtml()],
    // The X.509 libraries run module-level code (schema decorators), which would keep them in the
    // Firefox bundle although only Chrome's code path uses them: declare them free of side effects.
    build: {
      rolldownOptions: {
        treeshake: { moduleSideEffects: [{ test: /node_modules[\\/](@peculiar|asn1js|pvtsutils|pvutils)[\\/]/, sideEffects: false }] },
      },
    },
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  }),
});
