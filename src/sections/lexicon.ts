// Hand-written words of each section, for the classifier (classifier.ts). The trained part of
// the model (model.json) comes from headlines labelled business, technology, entertainment and
// health; nothing labelled exists for World, Politics, Science and Sports, so their words are
// written here, and a few of health's, whose labelled headlines are few. English only: words
// are stemmed with the same stemmer as the text. Phrases are not used: one word, one weight.
//
// A word belongs here when, seen in a headline, it points to one section far more often than
// to any other ("striker", "senator", "astronomers"); words that point two ways ("star",
// "market", "game", "president") are left out.

export const LEXICON: Readonly<Record<string, readonly string[]>> = {
  world: [
    'war', 'troops', 'military', 'ceasefire', 'refugees', 'refugee', 'embassy', 'diplomat', 'diplomats', 'diplomatic', 'nato',
    'invasion', 'rebels', 'militants', 'insurgents', 'coup', 'sanctions', 'ukraine', 'ukrainian', 'russia', 'russian', 'kremlin',
    'moscow', 'putin', 'china', 'chinese', 'beijing', 'iran', 'iranian', 'tehran', 'israel', 'israeli', 'gaza', 'palestinian',
    'syria', 'syrian', 'iraq', 'iraqi', 'afghanistan', 'afghan', 'pakistan', 'taliban', 'korea', 'korean', 'pyongyang', 'crimea',
    'airstrike', 'airstrikes', 'missile', 'missiles', 'hostage', 'hostages', 'humanitarian', 'peacekeepers', 'genocide', 'asylum',
    'migrants', 'border', 'venezuela', 'nigeria', 'sudan', 'yemen', 'somalia', 'libya', 'egypt', 'turkey', 'erdogan', 'kabul',
    'baghdad', 'damascus', 'kyiv', 'kiev', 'jerusalem', 'un', 'protesters', 'uprising', 'junta', 'bombing', 'shelling', 'army',
    'earthquake', 'quake', 'flood', 'floods', 'flooding', 'evacuated', 'evacuation', 'rescuers', 'landslide', 'landslides',
    'hurricane', 'typhoon', 'cyclone', 'tsunami', 'disaster', 'famine', 'massacre', 'civilians', 'foreign',
  ],
  politics: [
    'election', 'elections', 'electoral', 'vote', 'voters', 'voting', 'ballot', 'senate', 'senator', 'senators', 'congress',
    'congressional', 'lawmakers', 'legislators', 'legislature', 'parliament', 'parliamentary', 'mp', 'mps', 'minister', 'ministers',
    'governor', 'campaign', 'candidate', 'candidates', 'republican', 'republicans', 'democrat', 'democrats', 'democratic', 'gop',
    'labour', 'tory', 'tories', 'conservatives', 'referendum', 'legislation', 'impeachment', 'coalition', 'opposition', 'mayor',
    'cabinet', 'partisan', 'caucus', 'primaries', 'filibuster', 'bipartisan', 'constituency', 'chancellor', 'bundestag',
    'whitehall', 'downing', 'politician', 'politicians', 'political', 'politics', 'governmental', 'veto', 'polls',
  ],
  science: [
    'scientists', 'scientist', 'researchers', 'species', 'fossil', 'fossils', 'dinosaur', 'dinosaurs', 'astronomers', 'astronomy',
    'telescope', 'nasa', 'esa', 'spacecraft', 'planet', 'planets', 'exoplanet', 'galaxy', 'galaxies', 'asteroid', 'comet', 'mars',
    'lunar', 'orbit', 'physicists', 'physics', 'particle', 'climate', 'emissions', 'genome', 'dna', 'evolution', 'evolutionary',
    'biologists', 'archaeologists', 'archaeology', 'volcano', 'volcanic', 'ocean', 'oceans', 'marine', 'experiment',
    'quantum', 'universe', 'cosmos', 'cosmic', 'solar', 'astronaut', 'astronauts', 'rover', 'geologists', 'glacier', 'glaciers',
    'biodiversity', 'extinction', 'ecosystem', 'wildlife', 'primate', 'neutrino', 'hubble', 'spacex', 'meteorite', 'mammal',
  ],
  sports: [
    'match', 'season', 'league', 'championship', 'championships', 'tournament', 'coach', 'striker', 'goals', 'scored', 'nba', 'nfl',
    'mlb', 'nhl', 'fifa', 'uefa', 'olympics', 'olympic', 'medal', 'medals', 'football', 'soccer', 'tennis', 'golf', 'cricket',
    'rugby', 'boxing', 'quarterback', 'touchdown', 'playoff', 'playoffs', 'innings', 'wicket', 'marathon', 'sprinter', 'midfielder',
    'defender', 'goalkeeper', 'stadium', 'athlete', 'athletes', 'referee', 'semifinal', 'semi-final', 'quarterfinal',
    'cup', 'wimbledon', 'cyclist', 'peloton', 'prix', 'racing', 'knockout', 'batsman', 'pitcher',
    'homer', 'inning', 'dunk', 'hat-trick', 'relegation', 'squad', 'teammates', 'champions',
  ],
  business: [
    'shares', 'stocks', 'stock', 'investors', 'investor', 'earnings', 'profit', 'profits', 'revenue', 'quarterly', 'economy',
    'economic', 'economists', 'inflation', 'gdp', 'recession', 'bank', 'banks', 'banking', 'central', 'interest', 'rates',
    'merger', 'acquisition', 'takeover', 'ipo', 'shareholders', 'ceo', 'bankruptcy', 'dividend', 'bonds', 'tariffs', 'exports',
    'imports', 'retailer', 'retail', 'sales', 'prices', 'oil', 'currency', 'dollar', 'euro', 'forex', 'nasdaq', 'dow', 'ftse',
    'unemployment', 'jobs', 'layoffs', 'wages', 'startup', 'funding', 'valuation', 'firm', 'company', 'companies',
  ],
  technology: [
    'software', 'hardware', 'app', 'apps', 'smartphone', 'smartphones', 'iphone', 'android', 'ios', 'google', 'apple', 'microsoft',
    'facebook', 'twitter', 'amazon', 'internet', 'online', 'web', 'browser', 'chip', 'chips', 'processor', 'processors', 'laptop',
    'laptops', 'computer', 'computers', 'computing', 'cloud', 'data', 'breach', 'hackers', 'hacker', 'hack', 'cyberattack',
    'malware', 'ransomware', 'encryption', 'password', 'passwords', 'users', 'algorithm', 'ai', 'robot', 'robots', 'gadget',
    'tablet', 'wearable', 'bitcoin', 'cryptocurrency', 'blockchain', 'developers', 'programming', 'linux', 'windows', 'update',
    'startup', 'tech', 'technology', 'digital', 'wifi', 'broadband', '5g', 'semiconductor', 'vulnerability',
  ],
  entertainment: [
    'film', 'films', 'movie', 'movies', 'album', 'albums', 'song', 'songs', 'singer', 'rapper', 'band', 'actor', 'actress', 'director',
    'hollywood', 'oscar', 'oscars', 'grammy', 'grammys', 'emmy', 'emmys', 'concert', 'tour', 'festival', 'premiere', 'trailer',
    'sequel', 'box', 'celebrity', 'celebrities', 'tv', 'sitcom', 'episode', 'netflix', 'broadway', 'musical', 'novel', 'novelist',
    'comedian', 'comedy', 'documentary', 'theatre', 'theater', 'pop', 'star', 'stars', 'video', 'game', 'games', 'studio',
  ],
  health: [
    'health', 'cdc', 'vaccine', 'vaccines', 'vaccination', 'hospital', 'hospitals', 'patients', 'patient', 'cancer', 'disease',
    'diseases', 'virus', 'outbreak', 'drug', 'drugs', 'fda', 'doctors', 'nurses', 'medical', 'medicine', 'infection', 'infections',
    'diabetes', 'obesity', 'alzheimer', 'dementia', 'stroke', 'surgery', 'clinical', 'epidemic', 'pandemic', 'flu',
    'measles', 'hiv', 'aids', 'ebola', 'mers', 'tumor', 'tumour', 'therapy', 'symptoms', 'diet', 'mental', 'depression', 'autism',
  ],
};
