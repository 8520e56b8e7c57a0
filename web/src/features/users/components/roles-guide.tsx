import { ROLE_LABELS, ROLE_PURPOSES, roleAreas, ROLES } from '@/lib/authorization';

/** "O que cada papel pode fazer": each role's purpose and the areas it opens, read from the app's own access rules. */
export function RolesGuide() {
  return (
    <section aria-labelledby="roles-guide-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <h2 id="roles-guide-title" className="text-lg font-semibold text-slate-900">
        O que cada papel pode fazer
      </h2>
      <p className="mt-1 text-sm text-slate-600">Proprietários e administradores mudam o papel de alguém na lista acima.</p>
      <dl className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {ROLES.map((role) => (
          <div key={role} className="rounded-md p-3 ring-1 ring-slate-200">
            <dt className="font-medium text-slate-900">{ROLE_LABELS[role]}</dt>
            <dd className="mt-1 text-sm text-slate-700">
              <p>{ROLE_PURPOSES[role]}</p>
              <p className="mt-2 text-xs font-medium tracking-wide text-slate-500 uppercase">Acessa</p>
              <ul aria-label={`Áreas do papel ${ROLE_LABELS[role]}`} className="mt-1 list-disc space-y-0.5 pl-5">
                {roleAreas(role).map((area) => (
                  <li key={area}>{area}</li>
                ))}
              </ul>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
