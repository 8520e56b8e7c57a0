// The widget's UI and behaviour, rendered in a shadow root: a launcher
// bubble, and a panel with the business-hours notice, the greeting, the
// conversation (an aria-live log), the agent's typing indicator, the contact
// form when one is needed, and the composer. Dependencies (HTTP, socket,
// storage) come in so tests can fake them.
import { ApiError } from './api';
import type { Api, Contact, WidgetConfig } from './api';
import { brandColor, textOn } from './color';
import { adoptStyles, h, icon, ICON_CHAT, ICON_CLOSE, ICON_SEND } from './dom';
import { isClosed, offlineNotice } from './hours';
import { uuid } from './ids';
import { linkify } from './links';
import { charCount, counter, maxLength, tooLong } from './message-limit';
import { hasUnconfirmed, localItem, mergeServer, newestServer, unreadCount, withStatus } from './messages';
import type { ChatItem, ServerMessage, Status } from './messages';
import { plural } from './plural';
import type { Connect, Realtime } from './realtime';
import { SendQueue } from './send-queue';
import type { Outgoing } from './send-queue';
import { clearSession, loadSession, nextSeq, saveSession } from './session-store';
import type { KeyValueStorage, StoredSession } from './session-store';
import { throttle } from './throttle';

export interface ChatDeps {
  api: Api;
  storage: KeyValueStorage;
  connect: Connect;
  /** The time zone the next opening is shown in (the visitor's by default). */
  timeZone?: string;
}

const TYPING_MS = 5_000;
const TYPING_THROTTLE_MS = 2_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A new session has seen no reply yet (an absent seenAt means a session stored before it was kept). */
const NOTHING_SEEN = new Date(0).toISOString();

/** What the strip under the header says; each kind is cleared by what resolves it. */
type NoticeKind = 'reconnecting' | 'send' | 'load' | 'start' | 'session' | 'contact';

const META: Partial<Record<Status, string>> = { pending: 'Enviando…', waiting: 'Aguardando…' };

const timeOf = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString('pt-BR', { hour: '2-digit', minute: '2-digit' });
};

const isNewer = (iso: string, than: string | undefined) => !than || Date.parse(iso) > Date.parse(than);

export class ChatWidget {
  readonly root: ShadowRoot;
  private readonly channel: string;
  private readonly config: WidgetConfig;
  private readonly deps: ChatDeps;
  private readonly maxLength: number;

  private session: StoredSession | null;
  private items: ChatItem[] = [];
  private isOpen = false;
  private realtime: Realtime | null = null;
  /** The socket is down or cannot connect. */
  private reconnecting = false;
  private loading: Promise<void> | null = null;
  private starting: Promise<StoredSession | null> | null = null;
  /** The last message id reported as seen (reported again only when it changes). */
  private reportedSeen: string | undefined;
  private noticeKind: NoticeKind | null = null;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly nodes = new Map<string, HTMLElement>();
  private readonly sendTyping: () => void;
  private readonly queue: SendQueue;

  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;
  private readonly panel: HTMLDivElement;
  private readonly hours: HTMLParagraphElement;
  private readonly body: HTMLDivElement;
  private readonly log: HTMLDivElement;
  private readonly typingEl: HTMLParagraphElement;
  private readonly notice: HTMLParagraphElement;
  private readonly prechat: HTMLFormElement;
  private readonly prechatIntro: HTMLParagraphElement;
  private readonly nameLabel: HTMLLabelElement;
  private readonly nameInput: HTMLInputElement;
  private readonly emailInput: HTMLInputElement;
  private readonly composer: HTMLFormElement;
  private readonly input: HTMLTextAreaElement;
  private readonly limit: HTMLDivElement;
  private readonly limitError: HTMLParagraphElement;
  private readonly counter: HTMLSpanElement;

  constructor(host: HTMLElement, channel: string, config: WidgetConfig, deps: ChatDeps) {
    this.channel = channel;
    this.config = config;
    this.deps = deps;
    this.maxLength = maxLength(config.max_length);
    this.session = loadSession(deps.storage, channel);
    this.sendTyping = throttle(() => this.realtime?.typing(), TYPING_THROTTLE_MS);
    this.queue = new SendQueue({
      post: (message) => this.post(message),
      sending: (message) => this.setStatus(message.clientId, 'pending'),
      sent: (message) => {
        this.setStatus(message.clientId, 'sent');
        this.clearNotice('send');
      },
      failed: (message, error) => this.sendFailed(message, error),
    });

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
      h(
        'div',
        { class: 'titles' },
        h('h2', { class: 'title', id: 'cc-title' }, config.title || 'Atendimento'),
        h('p', { class: 'subtitle' }, 'Atendimento'),
      ),
      close,
    );
    this.hours = h('p', { class: 'hours', hidden: '' }, offlineNotice(config, deps.timeZone));

    const greeting = h(
      'div',
      { class: 'msg out greeting' },
      h('p', { class: 'bubble-text' }, config.greeting || 'Olá! Como podemos ajudar?'),
    );
    this.log = h('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Mensagens' });
    this.typingEl = h('p', { class: 'typing', role: 'status', hidden: '' }, 'digitando…');

    this.nameLabel = h('label', { for: 'cc-name' }, 'Nome');
    this.nameInput = h('input', { id: 'cc-name', name: 'name', type: 'text', autocomplete: 'name', maxlength: '100', 'aria-describedby': 'cc-name-error' });
    this.emailInput = h('input', {
      id: 'cc-email',
      name: 'email',
      type: 'email',
      autocomplete: 'email',
      inputmode: 'email',
      'aria-required': 'true',
      'aria-describedby': 'cc-email-error',
    });
    this.prechatIntro = h('p', {});
    this.prechat = h(
      'form',
      { class: 'prechat', 'aria-label': 'Seus dados', novalidate: '' },
      this.prechatIntro,
      h('div', { class: 'field' }, this.nameLabel, this.nameInput, h('p', { class: 'field-error', id: 'cc-name-error' })),
      h('div', { class: 'field' }, h('label', { for: 'cc-email' }, 'E-mail'), this.emailInput, h('p', { class: 'field-error', id: 'cc-email-error' })),
      h('button', { type: 'submit', class: 'primary' }, 'Iniciar conversa'),
    );

    // The form comes after the conversation: a returning visitor asked for
    // an e-mail still sees what was said.
    this.body = h('div', { class: 'body' }, greeting, this.log, this.typingEl, this.prechat);
    this.notice = h('p', { class: 'notice', role: 'status', hidden: '' });

    this.input = h('textarea', {
      id: 'cc-input',
      rows: '1',
      placeholder: 'Escreva sua mensagem…',
      enterkeyhint: 'send',
      'aria-describedby': 'cc-input-error',
    });
    this.limitError = h('p', { class: 'limit-error', id: 'cc-input-error', role: 'status' });
    // Visual only: read out on every keystroke it would drown the visitor; the refusal next to it is announced.
    this.counter = h('span', { class: 'counter', 'aria-hidden': 'true', hidden: '' });
    this.limit = h('div', { class: 'limit', hidden: '' }, this.limitError, this.counter);
    this.composer = h(
      'form',
      { class: 'composer' },
      h('label', { class: 'sr', for: 'cc-input' }, 'Mensagem'),
      h('div', { class: 'composer-row' }, this.input, h('button', { type: 'submit', class: 'send', 'aria-label': 'Enviar' }, icon(ICON_SEND))),
      this.limit,
    );

    this.panel = h(
      'div',
      { class: 'panel', id: 'cc-panel', role: 'dialog', 'aria-labelledby': 'cc-title', hidden: '' },
      header,
      this.hours,
      this.notice,
      this.body,
      this.composer,
    );

    const root = h('div', { class: config.position === 'left' ? 'root left' : 'root' }, this.launcher, this.panel);
    // Through the CSSOM, not style attributes or a <style> element: a site
    // whose CSP forbids inline styles still lets these through.
    root.style.setProperty('--brand', brand);
    root.style.setProperty('--on-brand', textOn(brand));
    root.style.setProperty('--offset-x', `${config.offset_x}px`);
    root.style.setProperty('--offset-y', `${config.offset_y}px`);
    adoptStyles(this.root);
    this.root.append(root);

    this.launcher.addEventListener('click', () => this.open());
    close.addEventListener('click', () => this.close());
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
    });
    this.prechat.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submitContact();
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
      this.updateLimit();
      if (this.input.value.trim()) this.sendTyping();
    });
    this.log.addEventListener('click', (e) => {
      const target = e.target as HTMLElement | null;
      const key = target?.closest<HTMLElement>('[data-retry]')?.dataset.retry;
      if (key) this.retry(key);
    });
    // Replies that came while the visitor was in another tab are seen when they come back.
    document.addEventListener('visibilitychange', () => this.markSeen());

    this.showView();
    // With a session, listen at once and load the conversation: replies the
    // visitor has not seen (while away, or before a reload) show on the launcher.
    if (this.session) {
      this.connectRealtime();
      void this.refresh();
    }
  }

  open(): void {
    if (this.isOpen) return;
    this.isOpen = true;
    this.panel.hidden = false;
    this.launcher.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'true');
    if (this.reconnecting) this.showReconnecting();
    this.showView();
    this.scrollToEnd();
    this.markSeen();
    if (this.session) void this.refresh();
    this.firstField().focus();
  }

  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  // --- view -------------------------------------------------------------------------

  private closed(): boolean {
    return isClosed(this.config);
  }

  /**
   * The contact form comes first when the channel asks for it (pre-chat),
   * and while the company is closed until the visitor leaves an e-mail: the
   * answer has to reach them somewhere.
   */
  private needsContact(): boolean {
    if (!this.session) return this.config.prechat || this.closed();
    return this.closed() && !this.session.email;
  }

  private firstField(): HTMLElement {
    if (!this.needsContact()) return this.input;
    return this.config.prechat ? this.nameInput : this.emailInput;
  }

  private showView(): void {
    const contact = this.needsContact();
    const closed = this.closed();
    this.prechat.hidden = !contact;
    this.composer.hidden = contact;
    this.hours.hidden = !closed;
    this.prechatIntro.textContent = closed ? 'Deixe seu e-mail para receber a resposta.' : 'Antes de começar, diga como podemos chamar você.';
    this.nameLabel.textContent = this.config.prechat ? 'Nome' : 'Nome (opcional)';
    if (this.config.prechat) this.nameInput.setAttribute('aria-required', 'true');
    else this.nameInput.removeAttribute('aria-required');
  }

  private showNotice(kind: NoticeKind, text: string): void {
    this.noticeKind = kind;
    this.notice.textContent = text;
    this.notice.hidden = false;
  }

  /** Every failed attempt says so again: it must not hide a notice about something else. */
  private showReconnecting(): void {
    if (!this.noticeKind || this.noticeKind === 'reconnecting') this.showNotice('reconnecting', 'Reconectando…');
  }

  /** Clears the notice if it is of this kind (another one is about something still true). */
  private clearNotice(kind: NoticeKind): void {
    if (this.noticeKind !== kind) return;
    this.noticeKind = null;
    this.notice.textContent = '';
    this.notice.hidden = true;
  }

  private updateBadge(): void {
    const unread = unreadCount(this.items, this.session?.seenAt);
    this.badge.textContent = unread > 9 ? '9+' : String(unread);
    this.badge.hidden = unread === 0;
    if (unread > 0) {
      this.badge.setAttribute('aria-label', plural(unread, 'mensagem nova', 'mensagens novas'));
      this.launcher.setAttribute('aria-describedby', 'cc-unread');
    } else {
      this.badge.removeAttribute('aria-label');
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

  // --- composer limit -----------------------------------------------------------------

  private setComposerError(text: string | null): void {
    this.limitError.textContent = text ?? '';
    this.limit.hidden = !text && this.counter.hidden;
  }

  private updateLimit(): void {
    const count = charCount(this.input.value.trim());
    const over = count > this.maxLength;
    const text = counter(count, this.maxLength);
    this.counter.textContent = text ?? '';
    this.counter.hidden = !text;
    this.counter.classList.toggle('over', over);
    if (over) this.input.setAttribute('aria-invalid', 'true');
    else this.input.removeAttribute('aria-invalid');
    // Back within the limit (or typing after a refusal): the old reason no longer applies.
    this.setComposerError(over ? this.limitError.textContent : null);
  }

  // --- session ------------------------------------------------------------------------

  private updateSession(patch: Partial<StoredSession>): void {
    if (!this.session) return;
    this.session = { ...this.session, ...patch };
    saveSession(this.deps.storage, this.channel, this.session);
  }

  private async startSession(contact: Contact): Promise<StoredSession> {
    const started = await this.deps.api.startSession(this.channel, contact);
    const session: StoredSession = {
      token: started.token,
      name: contact.name ?? undefined,
      email: contact.email ?? undefined,
      seenAt: NOTHING_SEEN,
    };
    this.session = session;
    saveSession(this.deps.storage, this.channel, session);
    this.clearNotice('start');
    this.clearNotice('session');
    this.connectRealtime();
    return session;
  }

  /** The session, started on the first message when no contact form is due; one start for a burst. */
  private ensureSession(): Promise<StoredSession | null> {
    if (this.session) return Promise.resolve(this.session);
    if (this.needsContact()) {
      this.showView();
      return Promise.resolve(null);
    }
    this.starting ??= this.startSession({})
      .catch(() => {
        this.showNotice('start', 'Não foi possível iniciar o chat. Tente de novo.');
        return null;
      })
      .finally(() => {
        this.starting = null;
      });
    return this.starting;
  }

  /** The stored token was refused: forget it and start over. */
  private resetSession(): void {
    clearSession(this.deps.storage, this.channel);
    this.session = null;
    this.queue.clear();
    this.realtime?.close();
    this.realtime = null;
    this.reconnecting = false;
    this.reportedSeen = undefined;
    this.items = [];
    this.nodes.clear();
    this.log.replaceChildren();
    this.showView();
    this.updateBadge();
    this.showNotice('session', 'Sua sessão de chat expirou. Envie a mensagem de novo para continuar.');
  }

  private fieldError(input: HTMLInputElement, message: string): void {
    const error = this.root.getElementById(input.getAttribute('aria-describedby') ?? '');
    if (error) error.textContent = message;
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  private async submitContact(): Promise<void> {
    const name = this.nameInput.value.trim();
    const email = this.emailInput.value.trim();
    const nameMissing = this.config.prechat && !name;
    this.fieldError(this.nameInput, nameMissing ? 'Informe seu nome.' : '');
    this.fieldError(this.emailInput, EMAIL.test(email) ? '' : 'Informe um e-mail válido.');
    if (nameMissing) return this.nameInput.focus();
    if (!EMAIL.test(email)) return this.emailInput.focus();
    if (this.session) {
      // The conversation exists: its next messages carry the e-mail.
      this.updateSession({ name: name || this.session.name, email });
      return this.contactDone();
    }
    const submit = this.prechat.querySelector('button');
    if (submit) submit.disabled = true;
    try {
      await this.startSession(name ? { name, email } : { email });
      this.contactDone();
      void this.refresh();
    } catch (error) {
      const errors = error instanceof ApiError ? error.errors : [];
      for (const e of errors) {
        if (e.field === 'name') this.fieldError(this.nameInput, e.message);
        if (e.field === 'email') this.fieldError(this.emailInput, e.message);
      }
      if (!errors.length) this.showNotice('contact', error instanceof ApiError ? error.message : 'Sem conexão. Tente de novo.');
    } finally {
      if (submit) submit.disabled = false;
    }
  }

  private contactDone(): void {
    this.clearNotice('contact');
    this.showView();
    this.input.focus();
  }

  // --- realtime -------------------------------------------------------------------------

  private connectRealtime(): void {
    if (this.realtime || !this.session) return;
    this.realtime = this.deps.connect(this.session.token, {
      connected: (again) => {
        this.reconnecting = false;
        this.clearNotice('reconnecting');
        // Replies sent while the socket was down are in the history.
        if (again) void this.refresh();
      },
      disconnected: () => {
        this.reconnecting = true;
        if (this.isOpen) this.showReconnecting();
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
    this.items = mergeServer(this.items, [{ ...m, direction: m.direction === 'in' ? 'in' : 'out' }]);
    this.hideTyping();
    // The visitor's own messages still shown optimistically go before the
    // reply: the history has them in their place.
    if (hasUnconfirmed(this.items)) await this.refresh();
    else this.render();
  }

  /**
   * With the panel open on a visible page, the visitor sees the whole
   * conversation: the newest reply is the new seenAt (the badge survives a
   * reload), and the server learns not to e-mail those replies.
   */
  private markSeen(): void {
    const session = this.session;
    if (session && this.isOpen && document.visibilityState === 'visible') {
      const reply = newestServer(this.items, 'out');
      if (reply && isNewer(reply.createdAt, session.seenAt)) this.updateSession({ seenAt: reply.createdAt });
      const newest = newestServer(this.items)?.serverId;
      if (newest && newest !== this.reportedSeen) {
        this.reportedSeen = newest;
        this.deps.api.seen(session.token, newest).catch(() => {
          // Best effort: at worst, a reply seen here is also e-mailed.
        });
      }
    }
    this.updateBadge();
  }

  // --- history and sending ----------------------------------------------------------------

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
        this.clearNotice('load');
        // A session stored before seenAt was kept, or opened from a link: what it had is not news.
        if (this.session.seenAt === undefined) {
          this.updateSession({ seenAt: newestServer(this.items, 'out')?.createdAt ?? NOTHING_SEEN });
        }
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 401) this.resetSession();
        else this.showNotice('load', 'Não foi possível carregar a conversa. Tentaremos de novo.');
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
    const refusal = tooLong(charCount(text), this.maxLength);
    if (refusal) {
      this.setComposerError(refusal);
      this.input.focus();
      return;
    }
    // Cleared before any wait: Enter pressed again meanwhile must not send it twice.
    this.input.value = '';
    this.autosize();
    this.updateLimit();
    // With a session, no wait at all: the message shows at once.
    const session = this.session ?? (await this.ensureSession());
    if (!session) {
      if (!this.input.value) this.input.value = text;
      return;
    }
    const seq = nextSeq(this.deps.storage, this.channel, session);
    this.updateSession({ seq });
    const message: Outgoing = { clientId: uuid(), seq, text };
    const item = localItem(message.clientId, text, session.name || 'Você');
    this.items = [...this.items, { ...item, status: this.queue.stopped ? 'waiting' : 'pending' }];
    this.render();
    this.queue.push(message);
  }

  private post(message: Outgoing): Promise<void> {
    const session = this.session;
    if (!session) return Promise.reject(new Error('Sem sessão de chat.'));
    return this.deps.api.send(session.token, {
      client_id: message.clientId,
      seq: message.seq,
      text: message.text,
      name: session.name,
      email: session.email,
    });
  }

  private sendFailed(message: Outgoing, error: unknown): 'stop' | 'drop' {
    if (error instanceof ApiError && error.status === 401) {
      this.resetSession();
      return 'stop';
    }
    if (error instanceof ApiError && error.status === 422) {
      // Refused as it is: sending it again cannot help, the ones after it go on.
      this.setStatus(message.clientId, 'refused');
      const reason = error.errors.find((e) => e.field === 'text') ?? error.errors[0];
      this.setComposerError(reason?.message ?? error.message);
      return 'drop';
    }
    this.items = withStatus(this.items, message.clientId, 'failed');
    for (const behind of this.queue.waiting) {
      if (behind.clientId !== message.clientId) this.items = withStatus(this.items, behind.clientId, 'waiting');
    }
    this.render();
    this.showNotice('send', error instanceof ApiError && error.status < 500 ? error.message : 'Mensagem não enviada: verifique sua conexão.');
    return 'stop';
  }

  /** "Tentar novamente": the line goes on from the failed message, with its client_id and seq. */
  private retry(key: string): void {
    if (!this.items.some((item) => item.key === key && item.status === 'failed')) return;
    this.items = this.items.map((item) =>
      !item.serverId && (item.status === 'failed' || item.status === 'waiting') ? { ...item, status: 'pending' } : item,
    );
    this.clearNotice('send');
    this.render();
    this.queue.resume();
  }

  private setStatus(clientId: string, status: Status): void {
    this.items = withStatus(this.items, clientId, status);
    this.render();
  }

  // --- rendering --------------------------------------------------------------------------

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
    children.push(h('span', { class: 'sr' }, `${who}:`), h('p', { class: 'bubble-text' }, ...linkify(item.text)));
    const meta = h('span', { class: 'meta' });
    if (item.status === 'failed' || item.status === 'refused') {
      meta.append(h('span', { class: 'error' }, 'Não enviada.'));
      if (item.status === 'failed') meta.append(h('button', { type: 'button', class: 'retry', 'data-retry': item.key }, 'Tentar novamente'));
    } else meta.append(META[item.status] ?? timeOf(item.createdAt));
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
    this.markSeen();
  }
}
