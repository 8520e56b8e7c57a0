import { useState } from 'react';

/** A rough height for the frame (its content cannot be measured: the sandbox gives it another origin). */
export function estimateEmailHeight(text: string): number {
  const lines = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 90)), 0);
  return Math.min(480, Math.max(120, lines * 22 + 40));
}

const FRAME_STYLE =
  '<style>html,body{margin:0;padding:8px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;background:#fff;word-wrap:break-word;overflow-wrap:anywhere}img{max-width:100%;height:auto}table{max-width:100%}blockquote{margin:0 0 0 8px;padding-left:8px;border-left:3px solid #cbd5e1;color:#475569}</style>';

/**
 * An e-mail's HTML (already sanitised by the server) in a sandboxed frame:
 * no scripts, no forms, no navigation, another origin; external images stay
 * blocked by the page's policy. "Ver como texto" shows the plain text instead.
 */
export function EmailHtml({ html, text }: { html: string; text: string }) {
  const [asText, setAsText] = useState(false);
  const height = estimateEmailHeight(text);
  return (
    <div className="space-y-1">
      {asText ? (
        <p className="text-sm whitespace-pre-wrap text-slate-900">{text}</p>
      ) : (
        <iframe
          title="Conteúdo do e-mail"
          sandbox=""
          referrerPolicy="no-referrer"
          srcDoc={`<!doctype html><html><head><meta charset="utf-8">${FRAME_STYLE}</head><body>${html}</body></html>`}
          className="w-full resize-y rounded-md bg-white ring-1 ring-slate-200"
          style={{ height }}
        />
      )}
      <button type="button" className="text-xs font-medium text-indigo-800 hover:underline" onClick={() => setAsText((value) => !value)}>
        {asText ? 'Ver e-mail formatado' : 'Ver como texto'}
      </button>
    </div>
  );
}
