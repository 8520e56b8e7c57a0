import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { HorizontalScroll } from '@/components/ui/horizontal-scroll';
import { PageSpinner } from '@/components/ui/spinner';
import { problemMessage } from '@/lib/problem';
import { useDebouncedValue } from '@/lib/use-debounced-value';

import { useUsers } from '../api/get-users';

import { UserRow } from './user-row';

export function UsersList({ currentUserId, canManage }: { currentUserId: string; canManage: boolean }) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const users = useUsers(q);
  const items = users.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="users-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-col gap-3 border-b border-slate-200 p-4 sm:flex-row sm:items-end sm:justify-between">
        <h2 id="users-title" className="text-lg font-semibold text-slate-900">
          Usuários
        </h2>
        <TextField
          label="Buscar usuários"
          type="search"
          placeholder="Nome ou e-mail"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          wrapperClassName="sm:w-72"
        />
      </div>

      {users.isPending ? (
        <PageSpinner label="Carregando usuários…" />
      ) : users.isError ? (
        <div className="p-4">
          <Alert title="Não foi possível carregar os usuários">{problemMessage(users.error)}</Alert>
        </div>
      ) : items.length === 0 ? (
        <p className="p-6 text-center text-sm text-slate-600" role="status">
          {q ? `Nenhum usuário encontrado para “${q}”.` : 'Nenhum usuário ainda.'}
        </p>
      ) : (
        <HorizontalScroll>
          <table className="w-full min-w-[42rem] text-left text-sm">
            <caption className="sr-only">Usuários da empresa</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Nome
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Papel
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Situação
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Desde
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  <span className="sr-only">Ações</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((user) => (
                <UserRow key={user.id} user={user} isSelf={user.id === currentUserId} canManage={canManage} />
              ))}
            </tbody>
          </table>
        </HorizontalScroll>
      )}

      {users.hasNextPage && (
        <div className="border-t border-slate-200 p-4 text-center">
          <Button variant="secondary" onClick={() => users.fetchNextPage()} isLoading={users.isFetchingNextPage}>
            Carregar mais
          </Button>
        </div>
      )}
      {users.isFetchNextPageError && (
        <div className="p-4">
          <Alert>{problemMessage(users.error)}</Alert>
        </div>
      )}
    </section>
  );
}
