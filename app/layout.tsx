import type { Metadata, Viewport } from "next";
import { getLocale } from "next-intl/server";
import { textDirection } from "@/lib/i18n/locales";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Kotona", template: "%s – Kotona" },
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale} dir={textDirection(locale)}>
      <body className="min-h-screen bg-white font-sans text-base leading-relaxed antialiased">{children}</body>
    </html>
  );
}
