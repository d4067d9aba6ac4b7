/**
 * The benign baseline of the name-randomness model: everyday English prose and the words that
 * host and domain names are made of (brands, services, infrastructure, a few other languages),
 * written for mamori. Only its letter pairs are used, so it needs to be typical, not complete.
 */
export const baselineText = `
the quick brown fox jumps over the lazy dog while people walk to work in the morning and read the
news on their phones before the meeting starts at nine o'clock every day of the week
our office network has printers file servers laptops and a few phones that check their mail often
when you open a web page your browser asks the resolver for the address of every server it needs
most of the names belong to large companies that deliver pictures videos scripts and fonts from
content delivery networks spread around the world so that pages load quickly for their customers
security teams look for computers that behave strangely such as a machine that talks to a server
nobody else knows about or one that sends much more data than it receives during the night
the weather today is cloudy with a chance of rain in the afternoon and strong winds near the coast
children play football in the park after school while their parents prepare dinner at home
the library offers books magazines music and films and the staff will help you find information
about history science geography mathematics literature languages art and the natural world
please remember to change your password regularly and never share it with anyone who calls you
the government announced new rules for travel trade health education housing and public transport
business leaders discussed markets prices growth employment energy and the future of technology
she bought fresh bread cheese apples oranges vegetables coffee and chocolate at the market square
he plays the guitar and the piano and sings in a small band with his friends on friday evenings
engineers build bridges roads railways airports harbours power stations and water treatment plants
the hospital opened a new department for children with doctors nurses and modern equipment
thank you for your order your package will be delivered within three working days to your address
customers can contact support by email chat or telephone from monday to saturday between eight
and six and our service centre answers questions about accounts payments billing and subscriptions
software updates fix problems improve performance and protect your device against known attacks
download install configure restart connect disconnect upload share print scan save open close
system settings control panel network adapter wireless internet explorer windows defender firewall
account login logout sign register profile dashboard report analytics marketing advertising sales
privacy policy terms conditions cookies preferences language region currency shipping returns
gallery photos images videos music podcasts radio television movies series sports games puzzles
recipes travel hotels flights tickets rental cars insurance banking credit cards loans mortgage
university college academy institute school student teacher course lesson exam research project
community forum discussion message comment reply post thread topic member group event calendar
google youtube facebook instagram twitter linkedin microsoft apple amazon netflix spotify adobe
yahoo bing wikipedia wordpress github gitlab stackoverflow reddit pinterest tumblr dropbox zoom
slack discord telegram whatsapp skype outlook office hotmail gmail icloud onedrive sharepoint
teams azure windowsupdate update delivery download akamai akamaized akamaiedge edgesuite edgekey
cloudflare fastly cloudfront amazonaws googleapis gstatic googleusercontent googlevideo ggpht
doubleclick googlesyndication googletagmanager googleadservices adservice analytics tracking
telemetry events data settings config configuration client clients service services gateway
mozilla firefox chrome safari opera brave edge ubuntu debian canonical redhat fedora centos
oracle java python node npm docker kubernetes nginx apache tomcat mysql postgres mongodb redis
salesforce zendesk hubspot mailchimp sendgrid mailgun paypal stripe visa mastercard ebay walmart
target bestbuy costco ikea nike adidas samsung sony lenovo dell intel nvidia cisco vmware citrix
symantec norton mcafee kaspersky sophos avast bitdefender trendmicro eset malwarebytes crowdstrike
yandex baidu taobao alibaba aliexpress tencent weibo sohu naver daum rakuten yahoo kakao line
mercadolibre globo uol terra olx allegro avito mailru rambler sberbank zalando otto spiegel bild
lemonde lefigaro elpais marca corriere repubblica nytimes washingtonpost theguardian reuters
bloomberg forbes cnn bbc foxnews nbcnews cbsnews weather accuweather booking expedia tripadvisor
airbnb uber lyft doordash instacart shopify squarespace wix godaddy namecheap bluehost hostgator
www mail smtp imap pop webmail mx ns dns ftp sftp vpn remote proxy cdn static assets img images
media video stream api apis app apps mobile web site portal secure login auth oauth sso id
account accounts my www2 mail2 server01 host web01 db01 dc01 files backup storage cloud drive
docs sheets maps search news shop store blog help support status dev test staging prod beta
internal corp intranet extranet office home lan local domain example sample demo partner
cdn1 static1 img2 s3 ec2 us east west europe asia north south central eu1 us2 ap3 global
live stream broadcast player content resources uploads downloads mirror repo packages archive
time ntp pool clock sync push notify notifications messages inbox calendar contacts people
payments checkout cart orders invoices billing finance accounting hr careers jobs team about
contact privacy legal security trust compliance investors press newsroom events webinars
learn training academy certification partners developers developer documentation reference
guide tutorial examples community forum answers questions feedback survey research labs
cheap best free top new old big small great good fast quick easy smart happy lucky sunny blue red
green black white gold silver golden royal grand super mega ultra prime first global local national
city town village country valley river lake ocean sea bay beach island mountain hill forest park
garden farm field road street avenue bridge tower castle house home room kitchen office studio shop
market mall store outlet center centre plaza square station port harbor airport hotel motel inn
restaurant cafe coffee tea bakery pizza burger grill bar pub club lounge kitchen diner food foods
fresh organic natural healthy fitness yoga gym sport sports team league cup game games play player
music band song songs radio jazz rock pop dance night nights day days week weekend morning evening
live life lifestyle love family friends kids children baby mother father parents wedding bride party
travel trip trips tour tours flight flights ticket tickets deals deal offer offers sale sales discount
price prices coupon coupons rewards bonus gift gifts card cards pay payment money cash bank finance
insurance loan loans credit tax legal law lawyer dentist doctor clinic care health medical pharmacy
auto car cars truck trucks bike bikes bicycle bicycles motor motors repair repairs wash service parts
tech technology digital online web net cloud data soft software hardware systems solutions network
mobile phone phones apps computer computers camera photo photos photography video videos media film
book books reviews review blog blogs news daily times post press herald tribune journal gazette
school schools college university academy learning education training course courses class classes
art arts design designs creative craft crafts fashion style beauty hair salon spa nails makeup
pet pets dog dogs cat cats horse horses animal animals wildlife nature outdoor outdoors camping
fishing hunting hiking walking running cycling swimming skiing surfing golf tennis soccer football
baseball basketball hockey racing boxing martin johnson smith williams brown jones miller davis wilson
anderson taylor thomas moore jackson white harris clark lewis robinson walker young allen king wright
scott green baker adams nelson hill campbell mitchell roberts carter phillips evans turner torres
parker collins edwards stewart morris murphy cook rogers morgan peterson cooper reed bailey bell
london paris berlin madrid rome vienna amsterdam brussels zurich geneva munich hamburg frankfurt
milan barcelona lisbon dublin oslo stockholm copenhagen helsinki warsaw prague budapest athens
newyork chicago boston seattle denver dallas houston austin miami atlanta phoenix portland detroit
toronto montreal vancouver sydney melbourne tokyo osaka seoul beijing shanghai singapore mumbai delhi
festival conference summit expo event events meetup workshop seminar concert theatre theater cinema
church temple community foundation charity society association union council group partners agency
company corporation industries international enterprise enterprises holdings capital ventures labs
consulting marketing advertising media publishing printing packaging logistics shipping transport
energy solar power electric water gas oil green environment recycling construction building builders
homes realty real estate property properties rentals apartments living interiors furniture decor
supply supplies equipment tools hardware machine machines engineering manufacturing factory works
`;
