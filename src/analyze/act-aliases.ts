/**
 * Popular names and abbreviations of the most cited Danish acts.
 *
 * Each `family` is the act's family key exactly as `actFamily()` derives it
 * from the act's title on retsinformation.dk; every entry was checked against
 * the titles of `dk-laws/current-acts.jsonl.gz` (see test/analyze/acts.test.ts,
 * which fails when an entry no longer matches a real title).
 *
 * Abbreviations follow the usual Danish legal literature (Karnov style, lower
 * case, dots dropped). Where one abbreviation is used for two acts, it is kept
 * for the act it most often means and left out for the other; one that is
 * also an everyday abbreviation is left out altogether (`kgl.` is "royal",
 * not the Kursgevinstlov: `§ 3 i kgl. anordning nr. 259`).
 */

/** One act: how it is keyed, how it is cited, and what else it is called. */
export interface ActAlias {
  /** Family key of the act, as `actFamily()` returns it. */
  readonly family: string;
  /** The name a lawyer cites, capitalised as at the start of a sentence. */
  readonly shortTitle: string;
  /** Other names and abbreviations, lower case, without dots. */
  readonly aliases: readonly string[];
  /**
   * Titles the act was consolidated under before, as `actFamily()` keys
   * them (`lov om adoption`, 2009, before `adoptionsloven`), where no
   * version names both, so its versions join one family.
   */
  readonly formerTitles?: readonly string[];
}

/** The alias table. Short titles are unique; aliases are unique across entries. */
export const ACT_ALIASES: readonly ActAlias[] = [
  // Procedure, criminal law and the courts.
  { family: 'lov om rettens pleje', shortTitle: 'Retsplejeloven', aliases: ['rpl'] },
  { family: 'straffeloven', shortTitle: 'Straffeloven', aliases: ['strfl', 'strl'] },
  { family: 'lov om politiets virksomhed', shortTitle: 'Politiloven', aliases: ['poll'] },
  {
    family: 'lov om euforiserende stoffer',
    shortTitle: 'Lov om euforiserende stoffer',
    aliases: ['euforiseringsloven'],
  },
  {
    family: 'lov om våben og eksplosivstoffer',
    shortTitle: 'Våbenloven',
    aliases: [],
  },
  { family: 'færdselsloven', shortTitle: 'Færdselsloven', aliases: ['fl'] },
  { family: 'udlændingeloven', shortTitle: 'Udlændingeloven', aliases: ['udll'] },
  {
    family: 'lov om integration af udlændinge i danmark',
    shortTitle: 'Integrationsloven',
    aliases: ['inl'],
  },
  { family: 'lov om dansk indfødsret', shortTitle: 'Indfødsretsloven', aliases: ['infl'] },

  // Public administration.
  { family: 'forvaltningsloven', shortTitle: 'Forvaltningsloven', aliases: ['fvl'] },
  {
    family: 'lov om offentlighed i forvaltningen',
    shortTitle: 'Offentlighedsloven',
    aliases: ['offl'],
  },
  {
    family:
      'lov om supplerende bestemmelser til forordning om beskyttelse af fysiske personer i ' +
      'forbindelse med behandling af personoplysninger og om fri udveksling af sådanne ' +
      'oplysninger',
    shortTitle: 'Databeskyttelsesloven',
    aliases: ['dbl'],
  },
  {
    family: 'lov om kommunernes styrelse',
    shortTitle: 'Kommunestyrelsesloven',
    aliases: ['kstl', 'styrelsesloven'],
  },
  {
    family: 'lov om retssikkerhed og administration på det sociale område',
    shortTitle: 'Retssikkerhedsloven',
    aliases: ['rsl'],
  },
  { family: 'lov om tjenestemænd', shortTitle: 'Tjenestemandsloven', aliases: ['tjml'] },

  // Contracts, property and family law.
  {
    family: 'lov om aftaler og andre retshandler på formuerettens område',
    shortTitle: 'Aftaleloven',
    aliases: ['aftl'],
  },
  { family: 'lov om køb', shortTitle: 'Købeloven', aliases: ['kbl'] },
  {
    family: 'lov om forbrugeraftaler',
    shortTitle: 'Forbrugeraftaleloven',
    aliases: ['fbal'],
  },
  { family: 'lov om kreditaftaler', shortTitle: 'Kreditaftaleloven', aliases: ['kal'] },
  { family: 'lov om gældsbreve', shortTitle: 'Gældsbrevsloven', aliases: ['gbl'] },
  {
    family: 'lov om renter og andre forhold ved forsinket betaling',
    shortTitle: 'Renteloven',
    aliases: [],
  },
  { family: 'lov om markedsføring', shortTitle: 'Markedsføringsloven', aliases: ['mfl'] },
  { family: 'lov om forsikringsaftaler', shortTitle: 'Forsikringsaftaleloven', aliases: ['fal'] },
  { family: 'lov om erstatningsansvar', shortTitle: 'Erstatningsansvarsloven', aliases: ['eal'] },
  { family: 'lov om leje', shortTitle: 'Lejeloven', aliases: ['lejel'] },
  {
    family: 'lov om leje af erhvervslokaler m.v.',
    shortTitle: 'Erhvervslejeloven',
    aliases: [],
  },
  { family: 'lov om leje af almene boliger', shortTitle: 'Almenlejeloven', aliases: ['all'] },
  { family: 'lov om almene boliger m.v.', shortTitle: 'Almenboligloven', aliases: ['abl'] },
  { family: 'lov om ejerlejligheder', shortTitle: 'Ejerlejlighedsloven', aliases: [] },
  {
    family: 'lov om andelsboligforeninger og andre boligfællesskaber',
    shortTitle: 'Andelsboligloven',
    aliases: [],
  },
  { family: 'lov om tinglysning', shortTitle: 'Tinglysningsloven', aliases: ['tl'] },
  { family: 'lov om ophavsret', shortTitle: 'Ophavsretsloven', aliases: ['ophl'] },
  { family: 'varemærkeloven', shortTitle: 'Varemærkeloven', aliases: ['vml'] },
  { family: 'patentloven', shortTitle: 'Patentloven', aliases: ['patl'] },
  { family: 'arveloven', shortTitle: 'Arveloven', aliases: ['arvl'] },
  {
    family: 'lov om skifte af dødsboer',
    shortTitle: 'Dødsboskifteloven',
    aliases: ['dsl', 'skifteloven'],
  },
  {
    family: 'lov om ægteskabs indgåelse og opløsning',
    shortTitle: 'Ægteskabsloven',
    aliases: ['ægtl'],
  },
  { family: 'forældreansvarsloven', shortTitle: 'Forældreansvarsloven', aliases: ['foral'] },
  { family: 'børneloven', shortTitle: 'Børneloven', aliases: ['bl'] },
  {
    family: 'adoptionsloven', shortTitle: 'Adoptionsloven', aliases: ['adoptl'],
    formerTitles: ['lov om adoption'],
  },

  // Companies, finance and insolvency.
  { family: 'lov om aktie- og anpartsselskaber', shortTitle: 'Selskabsloven', aliases: ['sl'] },
  { family: 'årsregnskabsloven', shortTitle: 'Årsregnskabsloven', aliases: ['årl', 'årsrl'] },
  { family: 'lov om erhvervsdrivende fonde', shortTitle: 'Erhvervsfondsloven', aliases: ['efl'] },
  {
    family: 'lov om finansiel virksomhed',
    shortTitle: 'Lov om finansiel virksomhed',
    aliases: ['fil'],
  },
  { family: 'lov om kapitalmarkeder', shortTitle: 'Kapitalmarkedsloven', aliases: ['kml'] },
  {
    family: 'lov om forebyggende foranstaltninger mod hvidvask og finansiering af terrorisme',
    shortTitle: 'Hvidvaskloven',
    aliases: [],
  },
  {
    family: 'lov om godkendte revisorer og revisionsvirksomheder',
    shortTitle: 'Revisorloven',
    aliases: ['revl'],
  },
  { family: 'konkursloven', shortTitle: 'Konkursloven', aliases: ['kkl'] },
  { family: 'konkurrenceloven', shortTitle: 'Konkurrenceloven', aliases: ['krl'] },
  { family: 'udbudsloven', shortTitle: 'Udbudsloven', aliases: ['udbl'] },

  // Tax.
  { family: 'skatteforvaltningsloven', shortTitle: 'Skatteforvaltningsloven', aliases: ['sfl'] },
  { family: 'skattekontrolloven', shortTitle: 'Skattekontrolloven', aliases: ['skl'] },
  {
    family: 'lov om påligningen af indkomstskat til staten',
    shortTitle: 'Ligningsloven',
    aliases: ['ll'],
  },
  {
    family: 'lov om indkomstskat for personer m.v.',
    shortTitle: 'Personskatteloven',
    aliases: ['psl'],
  },
  { family: 'kildeskatteloven', shortTitle: 'Kildeskatteloven', aliases: ['ksl'] },
  { family: 'selskabsskatteloven', shortTitle: 'Selskabsskatteloven', aliases: ['ssl'] },
  { family: 'lov om merværdiafgift', shortTitle: 'Momsloven', aliases: ['ml'] },
  {
    family:
      'lov om den skattemæssige behandling af gevinst og tab ved afståelse af aktier m.v.',
    shortTitle: 'Aktieavancebeskatningsloven',
    aliases: ['aabl'],
  },
  {
    family: 'lov om skattemæssig behandling af gevinst og tab på fordringer, gæld og ' +
      'finansielle kontrakter',
    shortTitle: 'Kursgevinstloven',
    aliases: [],
  },
  {
    family: 'lov om skattemæssige afskrivninger',
    shortTitle: 'Afskrivningsloven',
    aliases: ['afl'],
  },
  { family: 'toldloven', shortTitle: 'Toldloven', aliases: ['toldl'] },

  // Employment.
  {
    family: 'lov om retsforholdet mellem arbejdsgivere og funktionærer',
    shortTitle: 'Funktionærloven',
    aliases: ['funkl'],
  },
  { family: 'lov om ferie', shortTitle: 'Ferieloven', aliases: [] },
  {
    family: 'lov om arbejdsgiverens pligt til at underrette lønmodtageren om vilkårene for ' +
      'ansættelsesforholdet',
    shortTitle: 'Ansættelsesbevisloven',
    aliases: [],
  },
  { family: 'lov om arbejdsmiljø', shortTitle: 'Arbejdsmiljøloven', aliases: ['aml'] },
  {
    family: 'lov om forbud mod forskelsbehandling på arbejdsmarkedet m.v.',
    shortTitle: 'Forskelsbehandlingsloven',
    aliases: ['fskl'],
  },
  {
    family: 'lov om ligebehandling af mænd og kvinder med hensyn til beskæftigelse m.v.',
    shortTitle: 'Ligebehandlingsloven',
    aliases: ['lbl'],
  },
  {
    family: 'lov om ret til orlov og dagpenge ved barsel',
    shortTitle: 'Barselsloven',
    aliases: ['barselloven'],
  },
  { family: 'lov om sygedagpenge', shortTitle: 'Sygedagpengeloven', aliases: ['sdpl'] },
  {
    family: 'lov om arbejdsskadesikring',
    shortTitle: 'Arbejdsskadesikringsloven',
    aliases: ['asl'],
  },
  {
    family: 'lov om arbejdsløshedsforsikring m.v.',
    shortTitle: 'Arbejdsløshedsforsikringsloven',
    aliases: ['lal'],
  },
  {
    family: 'lov om tidsbegrænset ansættelse',
    shortTitle: 'Lov om tidsbegrænset ansættelse',
    aliases: [],
  },

  // Social affairs, health and environment.
  { family: 'lov om social service', shortTitle: 'Serviceloven', aliases: ['servl'] },
  { family: 'lov om aktiv socialpolitik', shortTitle: 'Aktivloven', aliases: ['aktl'] },
  { family: 'lov om social pension', shortTitle: 'Pensionsloven', aliases: [] },
  { family: 'sundhedsloven', shortTitle: 'Sundhedsloven', aliases: ['sundhl'] },
  {
    family: 'lov om autorisation af sundhedspersoner og om sundhedsfaglig virksomhed',
    shortTitle: 'Autorisationsloven',
    aliases: ['autl'],
  },
  { family: 'lov om lægemidler', shortTitle: 'Lægemiddelloven', aliases: ['lgml'] },
  { family: 'lov om folkeskolen', shortTitle: 'Folkeskoleloven', aliases: ['fsl'] },
  { family: 'lov om planlægning', shortTitle: 'Planloven', aliases: ['pl'] },
  { family: 'lov om miljøbeskyttelse', shortTitle: 'Miljøbeskyttelsesloven', aliases: ['mbl'] },
  { family: 'lov om naturbeskyttelse', shortTitle: 'Naturbeskyttelsesloven', aliases: ['nbl'] },
  { family: 'byggeloven', shortTitle: 'Byggeloven', aliases: ['bygl'] },
  { family: 'lov om luftfart', shortTitle: 'Luftfartsloven', aliases: ['lfl'] },
  { family: 'søloven', shortTitle: 'Søloven', aliases: [] },
];
