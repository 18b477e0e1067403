// Function words: they say how a sentence is built, not what it is about, so overlap measures
// (centrality, redundancy, "same fact" matching) ignore them. Lowercase, unstemmed, and including
// the apostrophe-free forms tokenize() produces ("dont", "its").
const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are arent as at be because been before being ' +
    'below between both but by can cant could couldnt did didnt do does doesnt doing dont down during each ' +
    'either even ever every few for from further had hadnt has hasnt have havent having he hed hell hes her ' +
    'here heres hers herself him himself his how hows however i id ill im ive if in into is isnt it its itself ' +
    'just lets like may me might more most much must mustnt my myself no nor not now of off on once one only ' +
    'or other others ought our ours ourselves out over own per rather same says said say shall shant she shed ' +
    'shell shes should shouldnt since so some such than that thats the their theirs them themselves then there ' +
    'theres these they theyd theyll theyre theyve this those though through thus to too under until up upon ' +
    'us very via was wasnt we wed well were weve werent what whats when whens where wheres whether which while ' +
    'who whos whom whose why whys will with within without wont would wouldnt yet you youd youll youre youve ' +
    'your yours yourself yourselves s t mr mrs ms also told tell according'
  ).split(' '),
);

/** True for a lowercase token that carries no topic of its own ("the", "said", "its"). */
export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}
