/**
 * What name search compares: lower case, diacritics removed, white space collapsed, so
 * "Mäkelä", "MAKELA" and "makela" all match, and so do "Ayşe" and "Ayse".
 * Letters that do not decompose into a base letter and a mark get their usual Latin spelling.
 */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};

export function normalizeForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter)
    .replace(/[\s\u00a0]+/g, " ")
    .trim()
    .normalize("NFC");
}

/** The value of clients.search_name: first names, then the last name. */
export function toSearchName(firstNames: string, lastName: string): string {
  return normalizeForSearch(`${firstNames} ${lastName}`);
}
