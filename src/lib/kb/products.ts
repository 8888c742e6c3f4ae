/**
 * The archive's product listings: code (the old site's `/id/<code>/` path) and name.
 * Codes keep old links working; a product this table does not know gets a slug of its name.
 */
import { slug } from 'github-slugger';

export const KNOWN_PRODUCTS: readonly (readonly [code: string, name: string])[] = [
  ['accother', 'Microsoft Access Distribution Kit'],
  ['automap', 'Microsoft Automap'],
  ['crossnet', 'Windows for Workgroups and Windows NT Networking Issues'],
  ['exchange', 'Microsoft Exchange'],
  ['fortran', 'Microsoft Fortran Compiler'],
  ['foxmisc', 'Microsoft Fox Miscellaneous Products'],
  ['foxpro', 'Microsoft FoxPro'],
  ['frontpg', 'Word Front Page'],
  ['homegame', 'Microsoft Home Games'],
  ['homekids', 'Microsoft Home Kids Products'],
  ['homemisc', 'Microsoft Home Miscellaneous Products'],
  ['homemm', 'Microsoft Home Multimedia Titles'],
  ['iis', 'Internet Information Server'],
  ['lanman', 'Microsoft LAN Manager'],
  ['macmail', 'Microsoft Mail For Appletalk Networks'],
  ['macsys', 'Microsoft Tips for the Macintosh System'],
  ['masm', 'Microsoft Macro Assembler'],
  ['mastering', 'Microsoft Mastering Series'],
  ['miscsdk', 'Miscellaneous Software Development Kits'],
  ['msdn', 'Microsoft Developer Network'],
  ['msdos', 'Microsoft Disk Operating System'],
  ['msj', 'Microsoft Systems Journal'],
  ['msnetwork', 'The Microsoft Network'],
  ['mspl13_basic', 'Microsoft Programmer\'s Library 1.3: BASIC'],
  ['mspl13_c', 'Microsoft Programmer\'s Library 1.3: C'],
  ['mspl13_masm', 'Microsoft Programmer\'s Library 1.3: MASM'],
  ['mspress', 'Microsoft Press'],
  ['odbc', 'Open Database Connectivity (ODBC)'],
  ['pcmail', 'Microsoft Mail For PC Networks'],
  ['powerpt', 'Microsoft PowerPoint for Windows'],
  ['schedplus', 'Microsoft Schedule+ for Windows'],
  ['sms', 'Microsoft Systems Management Server'],
  ['sna', 'Microsoft SNA Server'],
  ['ssafe', 'Microsoft SourceSafe'],
  ['techinfo', 'Microsoft Product Support Information'],
  ['utilities', 'Microsoft Programming Utilities'],
  ['vbwin', 'Microsoft Visual Basic for Windows'],
  ['visualc', 'Microsoft C Compiler'],
  ['win16ddk', 'Microsoft Windows Device Driver Kit'],
  ['win16sdk', 'Microsoft Windows Software Development Kit'],
  ['win3x', 'Microsoft Windows 3.x Retail Product'],
  ['win95x', 'Microsoft Windows 95.x Retail Product'],
  ['winmisc', 'Miscellaneous Windows Products'],
  ['winnt', 'Microsoft Windows NT'],
  ['winprint', 'Microsoft Windows Printing Issues'],
  ['word97', 'Word 97 for Windows'],
];

/** Names written differently in some articles than in the table. */
const ALIASES: Record<string, string> = {
  'Miscrosoft Systems Journal': 'msj',
};

const CODE_BY_NAME = new Map<string, string>([
  ...KNOWN_PRODUCTS.map(([code, name]) => [name, code] as const),
  ...Object.entries(ALIASES),
]);
const NAME_BY_CODE = new Map<string, string>(KNOWN_PRODUCTS.map(([code, name]) => [code, name]));

export interface ProductRef {
  /** The listing's path segment: `/id/<code>/`. */
  code: string;
  /** The name shown for the listing. */
  name: string;
}

/** What an article says of its product, as far as filing goes. */
export interface ProductFields {
  products: readonly string[];
  /** A code the article names itself (front matter or `| code` keyword tail). */
  productCode?: string;
}

/**
 * The listings an article files under. A code the article names wins (that is how
 * `Product(s): See article` articles file under `mspl13_c`); otherwise each product
 * name maps to the table's code, or to a slug of the name for products it lacks.
 */
export function productsOf(a: ProductFields): ProductRef[] {
  if (a.productCode) {
    const named = a.products.find((p) => CODE_BY_NAME.get(p) === a.productCode);
    return [{ code: a.productCode, name: NAME_BY_CODE.get(a.productCode) ?? named ?? a.productCode }];
  }
  return a.products.map((name) => {
    const code = CODE_BY_NAME.get(name);
    // github-slugger keeps a hyphen per space: `A & B` would be `a--b`.
    return code ? { code, name: NAME_BY_CODE.get(code)! } : { code: slug(name).replace(/-{2,}/g, '-'), name };
  });
}
