import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { Product, ProductRequest, UpdateProductRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { productsQueryKey } from './get-products';

export const createProduct = (input: ProductRequest) => api.post<Product>('/products', input);

export const updateProduct = ({ id, input }: { id: string; input: UpdateProductRequest }) =>
  api.patch<Product>(`/products/${id}`, input);

/** The API keeps the product (proposals refer to it) and marks it inactive. */
export const deactivateProduct = (id: string) => api.delete(`/products/${id}`);

/** Creates (no `id`) or updates a product; a taken SKU is a 409 on `sku`. */
export function useSaveProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ProductRequest }) =>
      id ? updateProduct({ id, input }) : createProduct(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: productsQueryKey }),
  });
}

export function useSetProductActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, active }: { id: string; active: boolean }): Promise<void> => {
      if (active) await updateProduct({ id, input: { active: true } });
      else await deactivateProduct(id);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: productsQueryKey }),
  });
}
