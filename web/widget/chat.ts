// The widget's UI and behaviour, rendered in a shadow root: a launcher
// bubble, and a panel with the greeting, the optional pre-chat form, the
// conversation (an aria-live log), the agent's typing indicator and the
// composer. Dependencies (HTTP, socket, storage) come in so tests can fake them.
import { ApiError } from './api';
import type { Api, Contact, WidgetConfig } from './api';
import { brandColor, textOn } from './color';
import { uuid } from './ids';
import { hasUnconfirmed, localItem, mergeServer, withStatus } from './messages';
import type { ChatItem, ServerMessage } from './messages';
import type { Connect, Realtime } from './realtime';
import { clearSession, loadSession, saveSession } from './session-store';
import type { KeyValueStorage, StoredSession } from './session-store';
import { STYLES } from './styles';
import { throttle } from './throttle';

export interface ChatDeps {
  api: Api;
  storage: KeyValueStorage;
  connect: Connect;
}

// Icons are built node by node (no innerHTML: a site enforcing Trusted Types would refuse it).
const SVG_NS = 'http://www.w3.org/2000/svg';
const ICON_CHAT = 'M12 3C6.5 3 2 6.9 2 11.7c0 2.5 1.2 4.7 3.2 6.3-.1 1.3-.6 2.7-1.7 3.7 2.2 0 4.1-.8 5.4-1.8 1 .3 2 .4 3.1.4 5.5 0 10-3.9 10-8.6S17.5 3 12 3z';
const ICON_CLOSE = 'M6 6l12 12M18 6L6 18';
const ICON_SEND = 'M3.4 20.4l17.5-7.5c.8-.4.8-1.5 0-1.8L3.4 3.6c-.7-.3-1.4.3-1.3 1l1 5.6 10.4 1.8-10.4 1.8-1 5.6c-.1.7.6 1.3 1.3 1z';

function icon(d: string, stroked = false): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  const attrs: Record<string, string> = stroked
    ? { viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', 'stroke-width': '2.2', 'stroke-linecap': 'round' }
    : { viewBox: '0 0 24 24', fill: 'currentColor' };
  for (const [key, value] of Object.entries({ ...attrs, 'aria-hidden': 'true', focusable: 'false' })) svg.setAttribute(key, value);
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

const TYPING_MS = 5_000;
const TYPING_THROTTLE_MS = 2_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Props = Record<string, string | undefined>;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (key === 'class') el.className = value;
    else el.setAttribute(key, value);
  }
  el.append(...children);
  return el;
}

function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Fall back to a <style> element.
    }
  }
  const style = document.createElement('style');
  style.textContent = STYLES;
  root.append(style);
}

const timeOf = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString('pt-BR', { hour: '2-digit', minute: '2-digit' });
};

export class ChatWidget {
  readonly root: ShadowRoot;
  private readonly channel: string;
  private readonly config: WidgetConfig;
  private readonly deps: ChatDeps;

  private session: StoredSession | null;
  private items: ChatItem[] = [];
  private isOpen = false;
  private unread = 0;
  private realtime: Realtime | null = null;
  private loading: Promise<void> | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly nodes = new Map<string, HTMLElement>();
  private readonly sendTyping: () => void;

  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;
  private readonly panel: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private readonly log: HTMLDivElement;
  private readonly typingEl: HTMLParagraphElement;
  private readonly notice: HTMLParagraphElement;
  private readonly prechat: HTMLFormElement;
  private readonly nameInput: HTMLInputElement;
  private readonly emailInput: HTMLInputElement;
  private readonly composer: HTMLFormElement;
  private readonly input: HTMLTextAreaElement;

  constructor(host: HTMLElement, channel: string, config: WidgetConfig, deps: ChatDeps) {
    this.channel = channel;
    this.config = config;
    this.deps = deps;
    this.session = loadSession(deps.storage, channel);
    this.sendTyping = throttle(() => this.realtime?.typing(), TYPING_THROTTLE_MS);

    this.root = host.attachShadow({ mode: 'open' });
    const brand = brandColor(config.color);

    this.badge = h('span', { class: 'badge', id: 'cc-unread', hidden: '' });
    this.launcher = h(
      'button',
      {
        type: 'button',
        class: 'launcher',
        'aria-label': 'Abrir chat',
        'aria-haspopup': 'dialog',
        'aria-expanded': 'false',
        'aria-controls': 'cc-panel',
      },
      icon(ICON_CHAT),
      this.badge,
    );

    const close = h('button', { type: 'button', class: 'close', 'aria-label': 'Fechar chat' }, icon(ICON_CLOSE, true));
    const header = h(
      'div',
      { class: 'header' },
      h('div', { class: 'titles' }, h('h2', { class: 'title', id: 'cc-title' }, config.name || 'Atendimento'), h('p', { class: 'subtitle' }, 'Atendimento')),
      close,
    );

    const greeting = h(
      'div',
      { class: 'msg out greeting' },
      h('p', { class: 'bubble-text' }, config.greeting || 'Olá! Como podemos ajudar?'),
    );
    this.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Mensagens' });
    this.typingEl = h('p', { class: 'typing', role: 'status', hidden: '' }, 'digitando…');

    this.nameInput = h('input', { id: 'cc-name', name: 'name', type: 'text', autocomplete: 'name', maxlength: '100', 'aria-describedby': 'cc-name-error' });
    this.emailInput = h('input', { id: 'cc-email', name: 'email', type: 'email', autocomplete: 'email', inputmode: 'email', 'aria-describedby': 'cc-email-error' });
    this.prechat = h(
      'form',
      { class: 'prechat', 'aria-label': 'Seus dados', novalidate: '' },
      h('p', {}, 'Antes de começar, diga como podemos chamar você.'),
      h('div', { class: 'field' }, h('label', { for: 'cc-name' }, 'Nome'), this.nameInput, h('p', { class: 'field-error', id: 'cc-name-error' })),
      h('div', { class: 'field' }, h('label', { for: 'cc-email' }, 'E-mail'), this.emailInput, h('p', { class: 'field-error', id: 'cc-email-error' })),
      h('button', { type: 'submit', class: 'primary' }, 'Iniciar conversa'),
    );

    this.body = h('div', { class: 'body' }, greeting, this.prechat, this.log, this.typingEl);
    this.notice = h('p', { class: 'notice', role: 'status', hidden: '' });

    this.input = h('textarea', { id: 'cc-input', rows: '1', placeholder: 'Escreva sua mensagem…', maxlength: '5000', enterkeyhint: 'send' });
    this.composer = h(
      'form',
      { class: 'composer' },
      h('label', { class: 'sr', for: 'cc-input' }, 'Mensagem'),
      this.input,
      h('button', { type: 'submit', class: 'send', 'aria-label': 'Enviar' }, icon(ICON_SEND)),
    );

    this.panel = h(
      'div',
      { class: 'panel', id: 'cc-panel', role: 'dialog', 'aria-labelledby': 'cc-title', hidden: '' },
      header,
      this.notice,
      this.body,
      this.composer,
    );

    const root = h('div', { class: 'root' }, this.launcher, this.panel);
    // Through the CSSOM, not style attributes or a <style> element: a site
    // whose CSP forbids inline styles still lets these through.
    root.style.setProperty('--brand', brand);
    root.style.setProperty('--on-brand', textOn(brand));
    adoptStyles(this.root);
    this.root.append(root);

    this.launcher.addEventListener('click', () => this.open());
    close.addEventListener('click', () => this.close());
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
    });
    this.prechat.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submitPrechat();
    });
    this.composer.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.sendFromInput();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        void this.sendFromInput();
      }
    });
    this.input.addEventListener('input', () => {
      this.autosize();
      if (this.input.value.trim()) this.sendTyping();
    });
    this.log.addEventListener('click', (e) => {
      const target = e.target as HTMLElement | null;
      const key = target?.closest<HTMLElement>('[data-retry]')?.dataset.retry;
      if (key) void this.retry(key);
    });

    this.showView();
    // With a session, listen at once: a reply while the panel is closed shows as unread.
    if (this.session) this.connectRealtime();
  }

  open(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    this.unread = 0;
    this.updateBadge();
    this.panel.hidden = false;
    this.launcher.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.showView();
    this.scrollToEnd();
    if (this.session) void this.refresh();
    (this.needsPrechat() ? this.nameInput : this.input).focus();
  }

  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  private needsPrechat(): boolean {
    return this.config.prechat && !this.session;
  }

  private showView(): void {
    const prechat = this.needsPrechat();
    this.prechat.hidden = !prechat;
    this.log.hidden = prechat;
    this.composer.hidden = prechat;
  }

  private setNotice(text: string | null): void {
    this.notice.textContent = text ?? '';
    this.notice.hidden = !text;
  }

  private updateBadge(): void {
    this.badge.textContent = this.unread > 9 ? '9+' : String(this.unread);
    this.badge.hidden = this.unread === 0;
    if (this.unread > 0) {
      this.badge.setAttribute('aria-label', this.unread === 1 ? '1 mensagem nova' : `${this.unread} mensagens novas`);
      this.launcher.setAttribute('aria-describedby', 'cc-unread');
    } else {
      this.launcher.removeAttribute('aria-describedby');
    }
  }

  private autosize(): void {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 120)}px`;
  }

  private scrollToEnd(): void {
    this.body.scrollTop = this.body.scrollHeight;
  }

  // --- session ------------------------------------------------------------------

  private async startSession(contact: Contact): Promise<StoredSession> {
    const started = await this.deps.api.startSession(this.channel, contact);
    const session: StoredSession = { token: started.token, name: contact.name ?? undefined, email: contact.email ?? undefined };
    this.session = session;
    saveSession(this.deps.storage, this.channel, session);
    this.connectRealtime();
    return session;
  }

  /** The stored token was refused: forget it and start over. */
  private resetSession(): void {
    clearSession(this.deps.storage, this.channel);
    this.session = null;
    this.realtime?.close();
    this.realtime = null;
    this.items = [];
    this.nodes.clear();
    this.log.replaceChildren();
    this.showView();
    this.setNotice('Sua sessão de chat expirou. Envie a mensagem de novo para continuar.');
  }

  private fieldError(input: HTMLInputElement, message: string): void {
    const error = this.root.getElementById(input.getAttribute('aria-describedby') ?? '');
    if (error) error.textContent = message;
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  private async submitPrechat(): Promise<void> {
    const name = this.nameInput.value.trim();
    const email = this.emailInput.value.trim();
    this.fieldError(this.nameInput, name ? '' : 'Informe seu nome.');
    this.fieldError(this.emailInput, EMAIL.test(email) ? '' : 'Informe um e-mail válido.');
    if (!name) return this.nameInput.focus();
    if (!EMAIL.test(email)) return this.emailInput.focus();
    const submit = this.prechat.querySelector('button');
    if (submit) submit.disabled = true;
    try {
      await this.startSession({ name, email });
      this.setNotice(null);
      this.showView();
      this.input.focus();
      void this.refresh();
    } catch (error) {
      const errors = error instanceof ApiError ? error.errors : [];
      for (const e of errors) {
        if (e.field === 'name') this.fieldError(this.nameInput, e.message);
        if (e.field === 'email') this.fieldError(this.emailInput, e.message);
      }
      if (!errors.length) this.setNotice(error instanceof ApiError ? error.message : 'Sem conexão. Tente de novo.');
    } finally {
      if (submit) submit.disabled = false;
    }
  }

  // --- realtime -------------------------------------------------------------------

  private connectRealtime(): void {
    if (this.realtime || !this.session) return;
    this.realtime = this.deps.connect(this.session.token, {
      connected: (again) => {
        this.setNotice(null);
        // Replies sent while the socket was down are in the history.
        if (again && this.isOpen) void this.refresh();
      },
      disconnected: () => {
        if (this.isOpen) this.setNotice('Reconectando…');
      },
      message: (m) => void this.receive(m),
      typing: () => this.showTyping(),
    });
  }

  private showTyping(): void {
    this.typingEl.hidden = false;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => (this.typingEl.hidden = true), TYPING_MS);
  }

  private hideTyping(): void {
    clearTimeout(this.typingTimer);
    this.typingEl.hidden = true;
  }

  private async receive(m: ServerMessage): Promise<void> {
    if (!m || typeof m.id !== 'string' || typeof m.text !== 'string') return;
    const isNew = !this.items.some((item) => item.serverId === m.id);
    this.items = mergeServer(this.items, [{ ...m, direction: m.direction === 'in' ? 'in' : 'out' }]);
    this.hideTyping();
    if (isNew && !this.isOpen && m.direction !== 'in') {
      this.unread += 1;
      this.updateBadge();
    }
    // The visitor's own messages still shown optimistically go before the
    // reply: the history has them in their place.
    if (hasUnconfirmed(this.items)) await this.refresh();
    else this.render();
  }

  // --- history and sending --------------------------------------------------------

  /** Loads the conversation (coalesced while one load is in flight). */
  refresh(): Promise<void> {
    if (!this.session) return Promise.resolve();
    if (this.loading) return this.loading;
    const token = this.session.token;
    this.loading = this.deps.api
      .history(token)
      .then((messages) => {
        if (this.session?.token !== token) return;
        this.items = mergeServer(this.items, messages);
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) this.resetSession();
        else this.setNotice('Não foi possível carregar a conversa. Tentaremos de novo.');
      })
      .finally(() => {
        this.loading = null;
        this.render();
      });
    return this.loading;
  }

  private async sendFromInput(): Promise<void> {
    const text = this.input.value.trim();
    if (!text) return;
    if (!this.session) {
      if (this.config.prechat) return this.showView();
      try {
        await this.startSession({});
      } catch {
        this.setNotice('Não foi possível iniciar o chat. Tente de novo.');
        return;
      }
    }
    this.input.value = '';
    this.autosize();
    const clientId = uuid();
    this.items = [...this.items, localItem(clientId, text, this.session?.name || 'Você')];
    this.render();
    await this.post(clientId, text);
  }

  private async retry(key: string): Promise<void> {
    const item = this.items.find((i) => i.key === key && i.status === 'failed');
    if (!item?.clientId) return;
    this.items = withStatus(this.items, item.clientId, 'pending');
    this.render();
    await this.post(item.clientId, item.text);
  }

  private async post(clientId: string, text: string): Promise<void> {
    const session = this.session;
    if (!session) return;
    try {
      await this.deps.api.send(session.token, { client_id: clientId, text, name: session.name, email: session.email });
      this.items = withStatus(this.items, clientId, 'sent');
      this.setNotice(null);
    } catch (error) {
      this.items = withStatus(this.items, clientId, 'failed');
      if (error instanceof ApiError && error.status === 401) {
        this.resetSession();
        return;
      }
      this.setNotice(error instanceof ApiError && error.status < 500 ? error.message : 'Mensagem não enviada: verifique sua conexão.');
    }
    this.render();
  }

  // --- rendering ----------------------------------------------------------------------

  private itemNode(item: ChatItem): HTMLElement {
    let el = this.nodes.get(item.key);
    if (!el) {
      el = h('div');
      this.nodes.set(item.key, el);
    }
    const signature = `${item.direction}|${item.status}|${item.text}|${item.author}|${item.createdAt}`;
    if (el.dataset.signature === signature) return el;
    el.dataset.signature = signature;
    el.className = `msg ${item.direction} ${item.status}`;
    const who = item.direction === 'in' ? 'Você' : item.author || 'Atendimento';
    const children: (Node | string)[] = [];
    if (item.direction === 'out') children.push(h('span', { class: 'author', 'aria-hidden': 'true' }, who));
    children.push(h('span', { class: 'sr' }, `${who}:`), h('p', { class: 'bubble-text' }, item.text));
    const meta = h('span', { class: 'meta' });
    if (item.status === 'pending') meta.append('Enviando…');
    else if (item.status === 'failed') {
      meta.append(
        h('span', { class: 'error' }, 'Não enviada.'),
        h('button', { type: 'button', class: 'retry', 'data-retry': item.key }, 'Tentar novamente'),
      );
    } else meta.append(timeOf(item.createdAt));
    children.push(meta);
    el.replaceChildren(...children);
    return el;
  }

  private render(): void {
    const nearEnd = this.body.scrollHeight - this.body.scrollTop - this.body.clientHeight < 80;
    const keep = new Set(this.items.map((item) => item.key));
    for (const [key, node] of this.nodes) {
      if (!keep.has(key)) {
        node.remove();
        this.nodes.delete(key);
      }
    }
    this.items.forEach((item, index) => {
      const node = this.itemNode(item);
      const at = this.log.children[index];
      if (at !== node) this.log.insertBefore(node, at ?? null);
    });
    this.showView();
    if (nearEnd || this.items[this.items.length - 1]?.direction === 'in') this.scrollToEnd();
  }
}
