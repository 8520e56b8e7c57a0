// ConectCRM web chat, embedded with
//   <script src="https://<host>/widget.js" data-channel="<tenant>.<channel>" async></script>
// widget.js is a small loader that adds this bundle (widget/chat.<hash>.js)
// with the same data-* attributes and nonce. The API's origin is the
// script's own: captured while the script runs (document.currentScript
// exists only then, and is the loader's copy of the tag).
import { createApi } from './api';
import { ChatWidget } from './chat';
import { loadConfig } from './config-load';
import { withEmbedOptions } from './embed-options';
import { adoptSessionFromHash } from './hash-session';
import { socketConnect } from './realtime';
import { safeStorage } from './session-store';

declare global {
  interface Window {
    __conectcrmChat?: Record<string, true>;
  }
}

const script =
  (document.currentScript as HTMLScriptElement | null) ??
  document.querySelector<HTMLScriptElement>('script[data-channel][src*="widget"]');

function whenBody(): Promise<HTMLElement> {
  if (document.body) return Promise.resolve(document.body);
  return new Promise((resolve) =>
    document.addEventListener('DOMContentLoaded', () => resolve(document.body), { once: true }),
  );
}

async function boot(element: HTMLScriptElement): Promise<void> {
  const channel = element.dataset.channel?.trim();
  if (!channel) {
    console.warn('[ConectCRM] widget.js: falta o atributo data-channel.');
    return;
  }
  // One widget per channel, even if the snippet is pasted twice.
  const booted = (window.__conectcrmChat ??= {});
  if (booted[channel]) return;
  booted[channel] = true;

  const origin = new URL(element.src, window.location.href).origin;
  const storage = safeStorage();
  // Before anything else: the token leaves the address bar at once.
  if (element.dataset.sessionFromHash === 'true') {
    adoptSessionFromHash({ location: window.location, history: window.history, scriptOrigin: origin, storage, channel });
  }
  const api = createApi(origin);
  let config;
  try {
    config = await loadConfig(api, channel);
  } catch (error) {
    console.warn('[ConectCRM] chat indisponível:', error instanceof Error ? error.message : error);
    delete booted[channel];
    return;
  }
  const body = await whenBody();
  const host = document.createElement('conectcrm-chat');
  host.setAttribute('data-channel', channel);
  body.appendChild(host);
  const widget = new ChatWidget(host, channel, withEmbedOptions(config, element.dataset), {
    api,
    storage,
    connect: socketConnect(origin),
  });
  if (element.dataset.open === 'true') widget.open();
}

if (script) void boot(script);
else console.warn('[ConectCRM] widget.js: não encontrei a tag <script> do widget.');
