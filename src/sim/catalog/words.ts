/** Word lists the name generators draw from. */

/** Words of small-site names. */
export const words =
  'alpine amber anchor apex arbor atlas autumn bakery bay beacon bike birch blue bold book bright brook cafe camp canyon cedar cellar chess city clay cliff cloud coast copper coral craft creek crown daily delta desk dune eagle east echo elm ember farm fern field fjord flora forge fox garden gear glen gold granite green grove harbor haven hill hollow home honey horizon iron island ivy jade juniper key kite lake lantern leaf light lime linen lotus maple market meadow mesa metro mill mint moss mountain nest north oak ocean olive orchard otter paper peak pearl pine pixel plaza pond prairie quill rain raven reef ridge river rock rose sage salt sand shore silver sky slate smith snow south spark spring spruce star stone studio summit sun tide timber trail tree valley vine vista wave west willow wind wolf wood yard zen'.split(
    ' ',
  );

/** Second words of small-site names. */
export const nouns =
  'shop blog news club design media labs works travel foods parts tools music photo law dental clinic school hotel realty auto print games forum wiki tech soft consult events sports garden pets wine fitness books kids home energy group online'.split(
    ' ',
  );

/** Top-level domains of small sites, weighted by repetition. */
export const tailTlds =
  'com com com com com com net net org org de de co.uk co.uk fr nl io jp it es info eu ch se pl com.au ca at be dk co me us biz cz no'.split(
    ' ',
  );

/** Brands and service words C2 names imitate. */
export const brandFragments =
  'microsoft office windows adobe google kaspersky symantec mcafee java oracle cisco vmware nvidia intel apple dropbox yahoo outlook skype helpdesk support cloud update secure service mail news'.split(
    ' ',
  );

/** What C2 registrations append to a brand. */
export const brandSuffixes = 'update sync cdn online service help center net host web live'.split(' ');

/** Host labels of C2 names. */
export const c2Hosts =
  'update mail news cdn api sync login support docs ns1 www static download office'.split(' ');

/** Top-level domains of C2 registrations. */
export const c2Tlds = 'com com net org info biz top xyz jp hk'.split(' ');
