/** What the bot never does, whatever the settings say (the server's rules). */
export function BotSafetyRules() {
  return (
    <section aria-labelledby="bot-safety-title" className="rounded-md border border-sky-300 bg-sky-50 px-4 py-3 text-sm text-sky-900">
      <h3 id="bot-safety-title" className="font-semibold">
        Regras de segurança
      </h3>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        <li>
          A 2ª via (fatura, PIX, boleto) só vai para cliente identificado pelo WhatsApp e, se ele tem CPF/CNPJ no cadastro, só depois de digitá-lo;
          um documento diferente transfere a conversa.
        </li>
        <li>No chat do site, quem pede fatura sempre vai para um atendente.</li>
        <li>Sobre a empresa, o bot só diz o que está nas dúvidas frequentes.</li>
        <li>Cliente muito insatisfeito ou assunto urgente vai direto para um atendente; quando uma pessoa assume o ticket, o bot se cala.</li>
      </ul>
    </section>
  );
}
