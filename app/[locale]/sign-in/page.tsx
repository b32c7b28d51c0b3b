import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata({ params }: PageProps<"/[locale]/sign-in">): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "signIn" });
  return { title: t("title") };
}

export default async function SignInPage({ params, searchParams }: PageProps<"/[locale]/sign-in">) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { callbackUrl } = await searchParams;
  const t = await getTranslations("signIn");
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <SignInForm
        callbackUrl={typeof callbackUrl === "string" ? callbackUrl : "/staff"}
        labels={{
          email: t("email"),
          password: t("password"),
          submit: t("submit"),
          errorTitle: t("errorTitle"),
          invalid: t("invalid"),
          throttled: t("throttled"),
          unavailable: t("unavailable"),
        }}
      />
    </div>
  );
}
