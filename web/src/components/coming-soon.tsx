import type { ReactNode } from 'react';

/** An honest placeholder for a section that is not built yet. */
export function ComingSoon({ what, items }: { what: string; items: ReactNode[] }) {
  return (
    <section
      aria-labelledby="coming-soon-title"
      className="rounded-xl border border-dashed border-slate-300 bg-white p-6 sm:p-8"
    >
      <h2 id="coming-soon-title" className="text-lg font-semibold text-slate-900">
        Em breve: {what}
      </h2>
      <p className="mt-2 text-sm text-slate-600">
        Esta área ainda está em construção. Quando estiver pronta, você vai encontrar aqui:
      </p>
      <ul className="mt-4 list-disc space-y-1 pl-5 text-sm text-slate-700">
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ul>
    </section>
  );
}
