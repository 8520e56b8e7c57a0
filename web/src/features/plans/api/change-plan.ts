import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ChangePlanRequest, CompanyPlan } from '@/lib/api/models';
import { api } from '@/lib/api-client';
import { meQueryKey } from '@/lib/auth';

import { companyPlanQueryKey } from './get-company-plan';

export const changePlan = (input: ChangePlanRequest) => api.put<CompanyPlan>('/company/plan', input);

export function useChangePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePlan,
    onSuccess: (companyPlan) => {
      queryClient.setQueryData(companyPlanQueryKey, companyPlan);
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
