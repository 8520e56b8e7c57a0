// The widget's stylesheet, scoped by the shadow root. `:host` is reset with
// !important: the host element lives in the customer's page, where a rule
// like `* { font-size: 30px }` would otherwise be inherited through it.
// The side, offsets and colours come in as custom properties set through the
// CSSOM (--offset-x, --offset-y, --brand, --on-brand) and the `left` class.
export const STYLES = `
:host { all: initial !important; display: block !important; }
* , *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.root {
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 15px; line-height: 1.4; color: #1f2937; text-align: left; letter-spacing: normal;
  -webkit-font-smoothing: antialiased;
}
button, input, textarea { font: inherit; color: inherit; margin: 0; }
button { cursor: pointer; }
:focus-visible { outline: 2px solid var(--brand); outline-offset: 2px; }
.sr {
  position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0;
}
.launcher {
  position: fixed; right: var(--offset-x, 20px); bottom: var(--offset-y, 20px); z-index: 2147483000;
  width: 60px; height: 60px; border: 0; border-radius: 50%; padding: 0;
  display: flex; align-items: center; justify-content: center;
  background: var(--brand); color: var(--on-brand);
  box-shadow: 0 6px 20px rgba(0, 0, 0, .25);
  transition: transform .15s ease;
}
.launcher:hover { transform: scale(1.06); }
.launcher svg { width: 28px; height: 28px; }
.badge {
  position: absolute; top: -2px; right: -2px; min-width: 22px; height: 22px; padding: 0 6px;
  border-radius: 11px; background: #dc2626; color: #fff; font-size: 12px; font-weight: 700;
  display: flex; align-items: center; justify-content: center; border: 2px solid #fff;
}
.panel {
  position: fixed; right: var(--offset-x, 20px); bottom: var(--offset-y, 20px); z-index: 2147483000;
  width: 370px; max-width: calc(100vw - var(--offset-x, 20px) - 20px); height: min(620px, calc(100vh - var(--offset-y, 20px) - 20px));
  display: flex; flex-direction: column; overflow: hidden;
  background: #fff; border-radius: 16px; box-shadow: 0 12px 40px rgba(0, 0, 0, .28);
  animation: cc-in .18s ease-out;
}
.root.left .launcher, .root.left .panel { right: auto; left: var(--offset-x, 20px); }
@keyframes cc-in { from { opacity: 0; transform: translateY(12px); } to { opacity: 1; transform: none; } }
@media (max-width: 480px) {
  .root .panel, .root.left .panel { inset: 0; width: 100%; max-width: none; height: 100%; max-height: none; border-radius: 0; }
}
@media (prefers-reduced-motion: reduce) { .panel { animation: none; } .launcher { transition: none; } }
.header {
  display: flex; align-items: center; gap: 12px; padding: 14px 12px 14px 18px;
  background: var(--brand); color: var(--on-brand);
}
.titles { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 17px; font-weight: 700; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.subtitle { margin: 0; font-size: 13px; opacity: .85; }
.close {
  width: 40px; height: 40px; border: 0; border-radius: 50%; background: transparent; color: inherit;
  display: flex; align-items: center; justify-content: center; padding: 0;
}
.close:hover { background: rgba(255, 255, 255, .18); }
.close svg { width: 22px; height: 22px; }
.body { flex: 1; overflow-y: auto; padding: 16px; background: #f5f6f8; overscroll-behavior: contain; }
.log { display: flex; flex-direction: column; gap: 8px; }
.msg { max-width: 82%; display: flex; flex-direction: column; gap: 2px; }
.msg.in { align-self: flex-end; align-items: flex-end; }
.msg.out { align-self: flex-start; align-items: flex-start; }
.bubble-text {
  margin: 0; padding: 9px 13px; border-radius: 16px; white-space: pre-wrap; overflow-wrap: anywhere;
}
.msg.in .bubble-text { background: var(--brand); color: var(--on-brand); border-bottom-right-radius: 4px; }
.msg.out .bubble-text { background: #fff; color: #1f2937; border: 1px solid #e5e7eb; border-bottom-left-radius: 4px; }
.msg.failed .bubble-text, .msg.refused .bubble-text { opacity: .6; }
.bubble-text a { color: inherit; text-decoration: underline; }
.author { font-size: 12px; color: #4b5563; font-weight: 600; padding: 0 4px; }
.meta { font-size: 11.5px; color: #6b7280; padding: 0 4px; display: flex; gap: 6px; align-items: center; }
.meta .error { color: #b91c1c; }
.retry { border: 0; background: none; padding: 0; color: #1d4ed8; text-decoration: underline; font-size: 11.5px; }
.greeting { margin-bottom: 8px; }
.typing { margin: 8px 0 0; font-size: 13px; color: #4b5563; font-style: italic; }
.notice { margin: 0; padding: 8px 16px; font-size: 13px; background: #fef3c7; color: #78350f; }
.hours { margin: 0; padding: 10px 16px; font-size: 13.5px; background: #eef2ff; color: #1e1b4b; border-bottom: 1px solid #e0e7ff; }
.prechat { display: flex; flex-direction: column; gap: 12px; margin-top: 12px; padding: 16px; background: #fff; border-radius: 12px; border: 1px solid #e5e7eb; }
.prechat p { margin: 0; font-size: 14px; color: #374151; }
.field { display: flex; flex-direction: column; gap: 4px; }
.field label { font-size: 13px; font-weight: 600; color: #374151; }
.field input {
  width: 100%; padding: 10px 12px; font-size: 16px; border: 1px solid #d1d5db; border-radius: 10px; background: #fff;
}
.field input[aria-invalid="true"] { border-color: #dc2626; }
.field-error { font-size: 12.5px; color: #b91c1c; margin: 0; }
.primary {
  border: 0; border-radius: 10px; padding: 11px 14px; font-weight: 700;
  background: var(--brand); color: var(--on-brand);
}
.primary:disabled, .send:disabled { opacity: .6; cursor: default; }
.composer {
  display: flex; flex-direction: column; gap: 6px; padding: 10px 12px;
  padding-bottom: max(10px, env(safe-area-inset-bottom)); border-top: 1px solid #e5e7eb; background: #fff;
}
.composer-row { display: flex; align-items: flex-end; gap: 8px; }
.composer textarea {
  flex: 1; resize: none; min-height: 42px; max-height: 120px; padding: 10px 12px; font-size: 16px; line-height: 1.35;
  border: 1px solid #d1d5db; border-radius: 20px; background: #fff; outline-offset: 0;
}
.send {
  flex: none; width: 42px; height: 42px; border: 0; border-radius: 50%; padding: 0;
  display: flex; align-items: center; justify-content: center; background: var(--brand); color: var(--on-brand);
}
.send svg { width: 20px; height: 20px; }
.limit { display: flex; gap: 8px; padding: 0 4px; font-size: 12.5px; }
.limit-error { margin: 0; color: #b91c1c; }
.counter { margin-left: auto; color: #6b7280; font-variant-numeric: tabular-nums; }
.counter.over { color: #b91c1c; font-weight: 700; }
.composer textarea[aria-invalid="true"] { border-color: #dc2626; }
`;
