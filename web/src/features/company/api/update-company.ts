import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { Company, UpdateCompanyRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';
import { meQueryKey } from '@/lib/auth';

import { companyQueryKey } from './get-company';

export const updateCompany = (input: UpdateCompanyRequest) => api.patch<Company>('/company', input);

export function useUpdateCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCompany,
    onSuccess: (company) => {
      queryClient.setQueryData(companyQueryKey, company);
      // The header shows the company's name.
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
