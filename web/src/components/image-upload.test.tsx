import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { ImageUpload, imageFileProblem, type ImageRemoveMutation, type ImageSaveMutation } from './image-upload';

const TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
const MB = 1024 * 1024;
const png = (bytes = 68) => new File([new Uint8Array(bytes)], 'foto.png', { type: 'image/png' });

/** A stand-in for a `useMutation` result: nothing sent, nothing pending. */
const mutation = () => ({ mutate: vi.fn(), reset: vi.fn(), isPending: false, error: null as unknown });

function renderUpload({
  upload = mutation() as ImageSaveMutation,
  remove = mutation() as ImageRemoveMutation,
  hasImage = false,
}: { upload?: ImageSaveMutation; remove?: ImageRemoveMutation; hasImage?: boolean } = {}) {
  render(
    <ImageUpload
      renderImage={(previewUrl) => (previewUrl ? <img src={previewUrl} alt="Pré-visualização" /> : <span>Atual</span>)}
      types={TYPES}
      maxBytes={MB}
      hint="PNG, JPEG ou WebP, até 1 MB."
      saveLabel="Salvar imagem"
      removeLabel="Remover imagem"
      hasImage={hasImage}
      confirmTitle="Remover a imagem?"
      confirmText="Ela some de todo lugar."
      upload={upload}
      remove={remove}
    />,
  );
  return { upload, remove };
}

beforeEach(() => {
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:preview');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('imageFileProblem', () => {
  it('takes the listed types up to the limit', () => {
    expect(imageFileProblem({ type: 'image/webp', size: MB }, TYPES, MB)).toBeNull();
    expect(imageFileProblem({ type: 'image/gif', size: 10 }, TYPES, MB)).toBe('Use uma imagem PNG, JPEG ou WebP.');
    expect(imageFileProblem({ type: 'image/png', size: MB + 1 }, TYPES, MB)).toBe('A imagem passa de 1 MB. Reduza o tamanho e tente de novo.');
  });
});

describe('ImageUpload', () => {
  it('refuses a bad file here, describes the chooser by the hint and names the accepted types', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const { upload } = renderUpload();
    const input = screen.getByLabelText('Escolher imagem');
    expect(input).toHaveAccessibleDescription('PNG, JPEG ou WebP, até 1 MB.');
    expect(input).toHaveAttribute('accept', 'image/png,image/jpeg,image/webp');
    await user.upload(input, new File(['gif'], 'foto.gif', { type: 'image/gif' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Use uma imagem PNG, JPEG ou WebP.');
    expect(screen.queryByRole('button', { name: 'Salvar imagem' })).not.toBeInTheDocument();
    expect(upload.mutate).not.toHaveBeenCalled();
  });

  it('previews the chosen file, saves it and leaves the preview on success; "Cancelar" drops it', async () => {
    const user = userEvent.setup();
    const upload = { ...mutation(), mutate: vi.fn((_file: File, options?: { onSuccess?: () => void }) => options?.onSuccess?.()) };
    renderUpload({ upload, hasImage: true });
    expect(screen.getByRole('button', { name: 'Remover imagem' })).toBeInTheDocument();

    const file = png();
    await user.upload(screen.getByLabelText('Escolher imagem'), file);
    expect(screen.getByRole('img', { name: 'Pré-visualização' })).toHaveAttribute('src', 'blob:preview');
    expect(screen.queryByRole('button', { name: 'Remover imagem' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Salvar imagem' }));
    expect(upload.mutate).toHaveBeenCalledWith(file, expect.anything());
    expect(screen.getByText('Atual')).toBeInTheDocument();

    await user.upload(screen.getByLabelText('Escolher imagem'), png());
    await user.click(screen.getByRole('button', { name: 'Cancelar' }));
    expect(screen.getByText('Atual')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Salvar imagem' })).not.toBeInTheDocument();
  });

  it('shows the server’s refusal', () => {
    renderUpload({ upload: { ...mutation(), error: new Error('A imagem não pôde ser lida.') } });
    expect(screen.getByRole('alert')).toHaveTextContent('A imagem não pôde ser lida.');
  });

  it('removes only after the confirmation', async () => {
    const user = userEvent.setup();
    const { remove } = renderUpload({ hasImage: true });
    await user.click(screen.getByRole('button', { name: 'Remover imagem' }));
    const dialog = screen.getByRole('dialog', { name: 'Remover a imagem?' });
    expect(dialog).toHaveTextContent('Ela some de todo lugar.');
    expect(remove.mutate).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Remover' }));
    expect(remove.mutate).toHaveBeenCalledWith(undefined, expect.anything());
  });
});
