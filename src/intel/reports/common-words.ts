/**
 * Ordinary English and IT words. Many threat-actor and malware names and aliases are such words
 * ("Page", "Net", "Cicada", "Equation"), so a name found here only counts as a mention when the
 * text around it says it is a group, a tool or malware. Written for mamori; one word per token.
 */
const words = `
a about above across act action active actually add added address after again against age agent ago agree
ahead air alarm alert alias alien all allow almost alone along already also alter always am among amount
an anchor and angel angle animal announce annual another answer ant any anyone anything apart app apple
apply april arch archive area arena argue arm army around arrive arrow art article as ask asleep at attach
attack attempt august aunt author auto autumn average avoid awake aware away axe axis baby back backdoor
backup bad badge bag bake balance ball band bank bar bare bark base basic basin basket bat batch battle
bay beach beacon bean bear beat beauty because become bed bee beef been before begin behind being bell
belong below belt bench bend berry best better between beyond big bill bin bind bird birth bit bite bitter
black blade blame blank blast blaze blend blind blink block blog blood bloom blow blue board boat body boil
bold bolt bomb bond bone book boost boot border born borrow boss both bottle bottom bounce bound box boy
brain branch brand brave bread break breeze brick bridge brief bright bring broad broken brother brown
brush bubble bucket budget bug build bulk bull bullet bundle bunny burn burst bus business busy but butter
button buy by cabin cable cactus cage cake call calm camera camp can canal candle candy cannon canvas cap
capital captain car card care cargo carpet carry cart case cash cast castle cat catch cause cave cell
center chain chair chalk champion chance change channel chaos chapter charge charm chart chase cheap check
cheese chef cherry chess chest chicken chief child chip choice choose circle citizen city civil claim class
clean clear clerk click client cliff climb clip clock close cloth cloud club clue coach coal coast coat
cobalt code coffee coin cold collect college colony color column comb combine come comfort comic command
comment common company compass complex computer concert condor confirm connect consider contact contain
content context control cook cool copper copy coral core corn corner correct cost cotton couch could count
country couple course court cousin cover cow crack craft crane crash crawl crazy cream create credit creek
crew cricket crime crisis critic crop cross crow crowd crown crucial cry crystal cube cup cupboard curtain
curve custom cut cute cycle daily dairy damage damp dance danger dare dark dash data date daughter dawn day
dead deal dear death debate debt decade decide deck deep deer defense degree delay deliver demand deny
depend deputy desert design desk detail detect device diamond diary dice die diet differ digital dinner
direct dirt disco discover dish display distance divide dizzy do doctor document dog dollar domain done
door dose double dove down dozen draft dragon drama draw dream dress drift drill drink drip drive drop drum
dry duck dumb dummy dune during dust duty dwarf each eager eagle ear early earn earth easily east easy eat
echo eclipse edge edit effort egg eight either elbow elder electric element elephant elevator else embargo
embrace emerge empire employ empty enable end enemy energy engine enjoy enough enter entire entry envelope
epic equal equation equinox erase error escape essay estate eternal even evening event ever every evidence
evil exact exam example excess exchange excite exile exist exit expand expect expert explain explode
explosive export expose express extend extra eye fable face facade fact factory fade faint fair faith fall
false fame family famous fan fancy far farm fashion fast fat fatal father fault favorite fear feather
feature fee feed feel fence festival fetch fever few field fierce fig fight figure file film filter final
find fine finger finish fire fireball firm first fish fit five fix flag flame flash flat flavor flee fleet
flight flip float flock floor flower fluid fly foam focus fog fold folk follow food foot for force forest
forge forget fork form fort forum forward fossil found fox frame free freeze fresh friend frog from front
frost fruit fuel fun funny fury future gain galaxy gallery game gap garage garden garlic gas gate gather
gauge gear general gentle genuine gesture ghost giant gift ginger giraffe girl give glad glance glass
glasses glide glimpse global globe gloom glory glove glow glue goal goat goblin god gold golden good goose
gorilla govern grab grace grain grand grant grape graph grass gravity great green grid grief grill grip
grit ground group grow growth guard guess guest guide guilt guitar gun guru habit hair half hall hammer
hand handle hang happy harbor hard harvest hat have hawk hazard he head health heart heat heaven heavy
hedge height hello help hen her herd here hero hidden high hill hint hip hire history hit hobby hold hole
holiday hollow home honey hood hook hope horn horse hospital host hot hotel hour house how huge human humor
hundred hunger hunt hunter hurdle hurry hurt husband hybrid ice icon idea identify idle if ignore ill image
impact import impulse in inbox inch include income index indoor industry infant inferno inform initial
inject inner input insect inside insight inspire install intact interest into invest invite iron island
issue it item ivory jacket jaguar jar jazz jealous jeans jelly jewel job join joke journey joy judge juice
jump jungle junior junk just kangaroo keen keep kernel kettle key kick kid kind king kingdom kiss kit
kitchen kite kitten knee knife knight knock knot know lab label labor ladder lady lake lamp land landmark
lane language laptop large laser last late later laugh launch lava law lawn layer lazy lead leader leaf
learn leash least leave ledger left leg legal lemon lend length lens leopard less lesson letter level
liberty library license lid life lift light like limb limit line link lion liquid list little live lizard
load loan lobster local lock logic lone long loop lord lose lost lotus loud lounge love lucky lumber lunar
lunch luxury lynx machine mad magic magnet maid mail main major make mammal man manage mandate mango
mansion manual maple marble march margin marine market marriage mars mask mass master match material math
matrix matter maximum maze meadow mean measure meat mechanic medal media melody melt member memory mention
menu mercy mercury merge merit merry mesh message metal method middle midnight milk million mimic mind
minimum minor minute miracle mirror misery miss mistake mix mixed mixture mobile model modify mom moment
monitor monkey monster month moon moose moral more morning mosquito mother motion motor mountain mouse
mouth move movie much muffin mule multiply muscle museum mushroom music must mutual my myself mystery myth
naive name napkin narrow nation nature near neck need negative neglect neither nephew nerve nest net
network neutral never news next nice nickel night ninja no noble noise nominee noodle normal north nose
notable note nothing notice novel now nuclear number nurse nut oak obey object oblige obscure obtain
obvious occur ocean october octopus odor of off offer office often oil okay old olive omit on once one
onion online only open opera opinion oppose option orange orbit orchard order ordinary organ orient
original orphan ostrich other outdoor outer output outside oval oven over own owner oxygen oyster ozone
pact paddle page pair palace palm panda panel panic panther paper parade parent park parrot party pass
patch path patient patrol pattern pause pave payment peace peanut pear peasant pelican pen penalty pencil
people pepper perfect permit person pet phone photo phrase physical piano picnic picture piece pig pigeon
pill pilot pink pioneer pipe pistol pitch pizza place planet plastic plate play please pledge pluck plug
plunge poem poet point polar pole police pond pony pool popular portion position possible post potato
pottery poverty powder power practice praise predict prefer prepare present pretty prevent price pride
primary print priority prison private prize problem process produce profit program project promote proof
property prosper protect proud provide public pudding pull pulp pulse pumpkin punch pupil puppy purchase
purity purpose purse push put puzzle pyramid quality quantum quarter question quick quit quiz quote rabbit
raccoon race rack radar radio rail rain raise rally ramp ranch random range rapid rare rate rather raven
raw razor ready real reason rebel rebuild recall receive recipe record recycle reduce reflect reform
refuse region regret regular reject relax release relief rely remain remember remind remote remove render
renew rent reopen repair repeat replace report require rescue resemble resist resource response result
retire retreat return reunion reveal review reward rhythm rib ribbon rice rich ride ridge rifle right
rigid ring riot ripple risk ritual rival river road roast robot robust rocket romance roof rookie room rose
rotate rough round route royal rubber rude rug rule run runway rural sad saddle sadness safe sail salad
salmon salon salt salute same sample sand satisfy satoshi sauce sausage save say scale scan scare scatter
scene scheme school science scissors scorpion scout scrap screen script scrub sea search season seat second
secret section security seed seek segment select sell seminar senior sense sentence series service session
settle setup seven shadow shaft shallow share shed shell sheriff shield shift shine ship shiver shock shoe
shoot shop short shoulder shove shrimp shrug shuffle shy sibling sick side siege sight sign silent silk
silly silver similar simple since sing siren sister situate six size skate sketch ski skill skin skirt
skull slab slam sleep slender slice slide slight slim slogan slot slow slush small smart smile smoke smooth
snack snake snap sniff snow soap soccer social sock soda soft solar soldier solid solution solve someone
song soon sorry sort soul sound soup source south space spare spatial spawn speak special speed spell
spend sphere spice spider spike spin spirit split spoil sponsor spoon sport spot spray spread spring spy
square squeeze squirrel stable stadium staff stage stairs stamp stand start state stay steak steel stem
step stereo stick still sting stock stomach stone stool story stove strategy street strike strong struggle
student stuff stumble style subject submit subway success such sudden suffer sugar suggest suit summer
summit sun sunny sunset super supply supreme sure surface surge surprise surround survey suspect sustain
swallow swamp swap swarm swear sweet swift swim swing switch sword symbol symptom syrup system table tackle
tag tail talent talk tank tape target task taste tattoo taxi teach team tell temple tenant tennis tent
term test text thank that the theme then theory there they thing this thought three thrive throw thumb
thunder ticket tide tiger tilt timber time tiny tip tired tissue title toast tobacco today toddler toe
together toilet token tomato tomorrow tone tongue tonight tool tooth top topic topple torch tornado
tortoise toss total tourist toward tower town toy track trade traffic tragic train transfer trap trash
travel tray treat tree trend trial tribe trick trigger trim trip trophy trouble truck true truly trumpet
trust truth try tube tuition tumble tuna tunnel turkey turn turtle twelve twenty twice twin twist two type
typical ugly umbrella unable unaware uncle uncover under undo unfair unfold unhappy uniform unique unit
universe unknown unlock until unusual unveil update upgrade uphold upon upper upset urban urge usage use
used useful useless usual utility vacant vacuum vague valid valley valve van vanish vapor various vast
vault vehicle velvet vendor venture venue verb verify version very vessel veteran viable vibrant vicious
victory video view village vintage violin virtual virus visa visit visual vital vivid vocal voice void
volcano volume vote voyage wage wagon wait walk wall walnut want warfare warm warrior wash wasp waste water
wave way wealth weapon wear weasel weather web wedding weekend weird welcome west wet whale what wheat
wheel when where whip whisper wide width wife wild will win window wine wing wink winner winter wire
wisdom wise wish witness wolf woman wonder wood wool word work world worry worth wrap wreck wrestle wrist
write wrong yard year yellow you young youth zebra zero zone zoo
abyss acid adept aegis agenda amber amnesia ancient anthem apex apollo arcade arcane archer armor arsenal
ash assassin astral atlas aurora avalanche avenger axiom badger bamboo bandit banshee barrel baron basilisk
bastion beetle bishop blackout blaster blizzard blossom blunder bonfire boomerang bouncer bravo breach
breaker brick bronze buckle buffalo buffer bullseye butterfly buzzard cadet calendar camel canary candle
canopy canyon caravan cardinal carnival carbon carnage catalyst cavalry cerberus chameleon charger cheetah
chimera chisel chopstick chrome cipher citadel clipper cobra comet condor conductor contour cougar cowboy
coyote crimson crocodile crusader cutlass cyclone dagger decoy delta demon desperado diablo dingo dolphin
domino dragonfly drifter druid dynamo ember emerald enigma envoy escort falcon fang ferret firefly flamingo
flint fortress fusion gadget gambit gargoyle gazelle gecko gemini genesis glacier gladiator granite
gremlin griffin grizzly guardian hacker halo harbinger harpoon harrier havoc hazel hermit heron hive hornet
hurricane hydra hyena iceberg igloo impala infinity iris jackal jade javelin jester jigsaw joker juniper
karma katana kestrel kraken lancer lantern legion leviathan lightning lobster locust lotus magnet mamba
mammoth mantis marauder marlin maverick meteor midas minion mirage mongoose monsoon mustang nebula nemesis
neon nexus nightingale nimbus nomad nova oasis obsidian odyssey omega onyx oracle orca osprey outlaw owl
paladin pandora paradox paragon parasite patriot pegasus pelican penguin phantom phoenix pilgrim piranha
pirate plague platinum polaris predator prism prophet prowler puma python quartz quasar rampart ranger
raptor rattlesnake reaper rebel relic renegade reptile revenant rhino riddle rogue ronin rover ruby
saber sabre safari sage samurai sapphire scarab scavenger sentinel sentry serpent shaman shark shogun
sidewinder silence skeleton skipper skylark slayer sparrow spartan spectre specter sphinx stalker stallion
starling stinger storm stork strider sultan sundance sunrise supernova swan tarantula tempest termite
thrasher thunderbird tick titan tomahawk topaz torpedo trident trinity trojan tsunami tycoon typhoon
undead unicorn valkyrie vampire vanguard vendetta venom viper vortex voyager vulture walrus warden
warlock watchdog whirlwind wildcat wizard wolverine wombat wraith wyvern yeti zenith zephyr
cicada cricket firefly hornet beetle moth termite scarab mosquito locust mantis wasp bee ant
helium carbon nitrogen oxygen sodium calcium iron zinc tin lead cobalt nickel copper silver gold platinum
mercury chromium silicon titanium uranium radium iodine magnesium potassium aluminum aluminium sulfur
sulphur argon neon
access account admin adware agentless alerting algorithm analysis analyst android antivirus api applet
application appliance arp asset audit auth authentication backend bandwidth banner bash binary bios bitcoin
blockchain bluetooth boolean bootloader bot botnet bounty browser brute buffer cache callback captcha
certificate certutil chat checksum cipher cisco clipboard cloud cluster cmd collector compiler compress
config console container cookie cpu crawler credential cron crypto cryptominer dashboard database debug
debugger decoder decrypt default defender delete deploy desktop developer dhcp dialer directory disk dll
dns docker domain download downloader driver dropper dump email encoder encrypt endpoint engine exploit
extension feed filename firewall firmware flash folder font format forwarder frame framework ftp function
gateway github google graph hash header hello helper hex hijack hostname html http https hub hypervisor
icmp imap inbox injector installer interface internet intranet invoice ip ipconfig java javascript kerberos
kernel keyboard keylogger keystroke laptop launcher ldap library linux listener loader localhost log
logger login logon logs macro mailer mailbox malware manager memory metadata microsoft miner mobile modem
module monitor mouse mutex netstat network node notepad object office openssl oracle outlook packer packet
parser password patcher payload pdf phishing ping pipeline plugin pop3 port portal powershell printer
process profile protocol proxy python query queue ransomware rat reader recon recorder redirect registry
relay remote render repository request resolver router rpc runtime sandbox scanner scheduler screenshot
script sdk server service shellcode shortcut signature skype smb smtp sniffer socket software spam spammer
spreadsheet sql ssh ssl stager stealer storage stream subdomain sync syslog tablet task tasklist tcp
telnet template terminal thread ticket timer token toolbar toolkit tor traffic trojan tunnel udp unix
updater upload uploader url usb user username utility validator vba vbs vpn wallet web webcam webmail
webshell website whoami widget wifi wiki windows winrar wiper word worm wrapper xml zip
reg net route expand schtasks systeminfo nltest dsquery diskpart wevtutil esentutl netsh nbtstat tracert
ipv4 ipv6 cve ioc iocs apt c2 cnc tls ssl dkim spf dmarc ids ips siem edr xdr soc cert csirt osint
acres acronym appetite archivist babylon backorder backspace beagle bella bellhop benchmark biscuit blackhole
blister blitz briar circles combos covenant curator cutlet decaf echelon entropy gasket gibberish glutton goggles
grease grinch grunt guerrilla hangman incubator inception insomnia inter jest landfall leverage luna mole momentum
morphine mutant nautilus nitro obscene offence oxide paradise patchwork pickaxe prestige princess proton radiation
raindrop renamer resident responder retro revive rock rook rotor ruler saga scar sector shade shopper siesta slave
snatch snowball spaceship spark sparkle splinter stitch stop superman supper ups venomous vermin voyeur warp
whirlpool wormhole zen ransom locker banker generic demo mac macos ios iphone adobe firefox telegram discord slack
zoom teams dropbox amazon facebook twitter youtube whatsapp instagram activity
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december
american british chinese russian iranian korean japanese indian european african asian german french
spanish italian dutch turkish israeli arabic ukrainian vietnamese
china russia iran korea japan india europe africa asia germany france spain italy turkey israel ukraine
vietnam taiwan america canada brazil mexico australia pakistan
`;

/** Lower-case set of the words above; callers compare with `nameKey`-style lower-cased tokens. */
export const commonWords: ReadonlySet<string> = new Set(words.split(/\s+/).filter((w) => w !== ''));
