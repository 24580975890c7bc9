package main

// The labelled query set. The generated site hides these announcements
// (needles) among its filler; each query names the needles it must find.
// Recall@10 is the share of those found in a tool's first ten results.
//
// The needles were written for this benchmark. Some Chinese ones are in
// traditional characters (as a reprinted Hong Kong or Taiwan release would
// be) and are looked for in simplified ones, and the other way round; some
// carry a document number (文号) that is looked for with other brackets,
// full-width digits or none; English ones are looked for with other
// inflections, case and diacritics.

// needle is one announcement in both languages.
type needle struct {
	key, column, date string
	zh, en            needleText
}

type needleText struct {
	title, source, docNumber string
	attachment               string // an attachment's title, if any
	body                     []string
}

// query is one labelled query.
type query struct {
	lang, q string
	want    []string // needle keys
	what    string   // the case it exercises
}

var needles = []needle{
	{key: "rain-gardens", column: "notices", date: "2023-04-18T10:00:00",
		zh: needleText{title: "关于推进海绵城市雨水花园建设的通知", source: "绵阳市住房和城乡建设委员会", docNumber: "绵住建发〔2023〕41号",
			body: []string{
				"为减轻城区内涝、涵养地下水，今年起新建和改造的小区、学校和公园应配套建设雨水花园，利用下凹式绿地和透水铺装就地消纳雨水。",
				"各区住建部门要在五月底前报送选址清单，设计方案须经专家评审后方可施工。",
			}},
		en: needleText{title: "Notice on building rain gardens in sponge-city projects", source: "Mianyang Housing and Urban-Rural Development Commission", docNumber: "Mian Zhu Jian Fa [2023] No. 41",
			body: []string{
				"To reduce urban flooding and recharge groundwater, new and renovated housing estates, schools and parks shall include a rain garden, using sunken lawns and permeable paving to absorb rainwater where it falls.",
				"District housing departments shall submit their list of sites by the end of May; designs need an expert review before work starts.",
			}}},
	{key: "school-buses", column: "news", date: "2024-08-27T15:20:00",
		zh: needleText{title: "秋季开学前全市开展校车安全专项检查", source: "绵阳市教育和体育局",
			body: []string{
				"开学前夕，教育、公安和交通部门联合对全市校车逐辆检查，重点查看车辆年检、限载标识和驾驶员资质。",
				"检查发现的轮胎磨损、灭火器过期等问题已当场责令整改，未通过复查的车辆不得接送学生。",
			}},
		en: needleText{title: "School bus safety inspections before the autumn term", source: "Mianyang Bureau of Education and Sports",
			body: []string{
				"Ahead of the new term, education, police and transport officials inspected every school bus in the city, checking annual roadworthiness tests, seat limits and the drivers' licences.",
				"Worn tyres and expired fire extinguishers were ordered fixed on the spot; a bus that fails its second inspection may not carry pupils.",
			}}},
	{key: "graduate-jobs", column: "notices", date: "2024-03-05T09:00:00",
		zh: needleText{title: "關於做好2024年高校畢業生就業服務工作的通知", source: "綿陽市人力資源和社會保障局",
			body: []string{
				"各縣市區人社部門要為離校未就業的高校畢業生建立實名台賬，逐人提供職業指導和崗位推薦。",
				"學生參加就業見習的，見習單位可按規定申領見習補貼；首次創業的畢業生可申請一次性創業補貼。",
			}},
		en: needleText{title: "Notice on employment services for 2024 university graduates", source: "Mianyang Bureau of Human Resources and Social Security",
			body: []string{
				"County and district offices shall keep a named register of graduates who left university without a job and offer each of them career advice and job referrals.",
				"Employers that take students on work placements may claim a placement subsidy; graduates starting their first business may apply for a one-off start-up grant.",
			}}},
	{key: "belt-road-fair", column: "news", date: "2023-09-12T11:30:00",
		zh: needleText{title: "「一帶一路」經貿合作洽談會在綿陽舉行", source: "綿陽市商務局",
			body: []string{
				"來自十二個國家和地區的三百餘家企業參加洽談，現場簽約項目二十八個，涵蓋電子資訊、農產品加工和物流。",
				"主辦方表示，將依託國際班列擴大本地產品出口。",
			}},
		en: needleText{title: "Belt and Road trade fair held in Mianyang", source: "Mianyang Commerce Bureau",
			body: []string{
				"More than 300 companies from twelve countries and regions took part, signing 28 projects in electronics, farm-produce processing and logistics.",
				"The organisers said international freight trains would help local products reach export markets.",
			}}},
	{key: "fire-hazards", column: "notices", date: "2022-11-08T08:40:00",
		zh: needleText{title: "关于开展冬季消防安全隐患排查整治的通知", source: "绵阳市消防救援支队",
			body: []string{
				"入冬以来火灾风险上升，各单位要对电气线路、燃气管道和疏散通道逐一排查，建立隐患清单并限期整改。",
				"高层住宅的消防车通道不得占用，物业服务企业应每月组织一次灭火演练。",
			}},
		en: needleText{title: "Notice on finding and removing fire hazards this winter", source: "Mianyang Fire and Rescue Detachment",
			body: []string{
				"Fire risk rises in winter: every organisation shall inspect its wiring, gas pipes and escape routes, list each hazard found and fix it by a deadline.",
				"Fire-engine access to high-rise housing must be kept clear, and property managers shall hold a fire drill every month.",
			}}},
	{key: "urban-renewal", column: "policies/city-gov", date: "2022-06-30T17:00:00",
		zh: needleText{title: "绵阳市人民政府办公室关于印发绵阳市城市更新行动方案的通知", source: "绵阳市人民政府办公室", docNumber: "绵府办发〔2022〕27号",
			body: []string{
				"城市更新坚持留改拆并举，优先补齐老城区停车、养老和托育设施短板。",
				"到2025年，完成城镇老旧街区改造一百二十个，打造十条特色步行街。",
			}},
		en: needleText{title: "Urban renewal action plan of Mianyang", source: "General Office of Mianyang Municipal People's Government", docNumber: "Mian Fu Ban Fa [2022] No. 27",
			body: []string{
				"Urban renewal keeps, refits or rebuilds as each case needs, and first fills the old town's gaps in parking, elderly care and childcare.",
				"By 2025 the city will have upgraded 120 old streets and created ten pedestrian shopping streets.",
			}}},
	{key: "after-school", column: "policies/city-gov", date: "2024-02-20T10:00:00",
		zh: needleText{title: "关于进一步规范义务教育课后服务的通知", source: "绵阳市教育和体育局", docNumber: "绵教体发〔2024〕8号",
			body: []string{
				"课后服务以学生自愿参加为原则，不得借机组织集体补课，收费标准按成本核定并向社会公示。",
				"学校可引进体育、艺术和科普类校外资源，丰富服务内容。",
			}},
		en: needleText{title: "Notice on after-school services in compulsory education", source: "Mianyang Bureau of Education and Sports", docNumber: "Mian Jiao Ti Fa [2024] No. 8",
			body: []string{
				"Pupils join after-school services of their own choice; schools may not use them for compulsory extra lessons, and fees are set at cost and published.",
				"Schools may bring in outside providers of sport, arts and science activities.",
			}}},
	{key: "g20-forum", column: "news", date: "2016-07-25T16:00:00",
		zh: needleText{title: "我市企业代表参加Ｇ２０工商峰会配套论坛", source: "绵阳市经济和信息化局",
			body: []string{
				"本次论坛围绕数字经济和绿色制造展开，我市三家企业介绍了５Ｇ基站配套产品的研发情况。",
			}},
		en: needleText{title: "Local firms at a Ｇ２０ business forum", source: "Mianyang Economy and Information Technology Bureau",
			body: []string{
				"The forum discussed the digital economy and green manufacturing; three Mianyang firms presented equipment they develop for ５Ｇ base stations.",
			}}},
	{key: "greenway-plan", column: "notices", date: "2025-01-16T14:00:00",
		zh: needleText{title: "城市绿道网络建设规划公示", source: "绵阳市自然资源和规划局",
			body: []string{
				"规划绿道总长三百六十公里，串联涪江、安昌江两岸公园和主要景区，沿线设置驿站和公共自行车点。",
				"公示期三十日，市民可通过信函或电子邮件提出意见。",
			}},
		en: needleText{title: "Greenway network plan on public display", source: "Mianyang Natural Resources and Planning Bureau",
			body: []string{
				"The planned greenways run 360 kilometres, linking the riverside parks of the Fujiang and Anchang and the main scenic areas, with rest stops and bike-share points along the way.",
				"Comments are welcome by letter or e-mail for thirty days.",
			}}},
	{key: "old-trees", column: "news", date: "2021-05-19T10:10:00",
		zh: needleText{title: "林业工作简报（第五期）", source: "绵阳市林业局",
			body: []string{
				"本期简报摘要：全市完成植树造林两万亩；森林防火巡护队伍完成轮训。",
				"此外，城区一百零六株古树名木完成挂牌保护，每株配有二维码，扫码即可查看树龄和养护责任人。",
			}},
		en: needleText{title: "Forestry bulletin, issue 5", source: "Mianyang Forestry Bureau",
			body: []string{
				"In brief: twenty thousand mu of trees were planted across the city, and the forest fire patrols finished their training round.",
				"Also, 106 ancient and notable trees in the urban area now carry protection tags with a QR code that shows each tree's age and who looks after it.",
			}}},
	{key: "rainstorm-warning", column: "notices", date: "2023-07-10T06:30:00",
		zh: needleText{title: "暴雨橙色预警信号", source: "绵阳市气象台",
			body: []string{
				"预计未来六小时内北川、平武、安州等地将出现一百毫米以上降水，请注意防范山洪和地质灾害。",
			}},
		en: needleText{title: "Orange rainstorm warning", source: "Mianyang Meteorological Observatory",
			body: []string{
				"More than 100 mm of rain is expected within six hours in Beichuan, Pingwu and Anzhou; beware of flash floods and landslides.",
			}}},
	{key: "parking-charges", column: "policies/city-gov", date: "2023-12-01T09:00:00",
		zh: needleText{title: "关于调整城区公共停车收费的通知", source: "绵阳市发展和改革委员会", attachment: "绵阳市公共停车场收费标准一览表",
			body: []string{
				"自明年一月一日起，中心城区路内停车实行分时段计费，首三十分钟免费，夜间停车按次收费。",
			}},
		en: needleText{title: "Notice on new charges for public parking", source: "Mianyang Development and Reform Commission", attachment: "Table of car park charges",
			body: []string{
				"From 1 January, on-street parking in the city centre is charged by time band; the first 30 minutes are free and overnight parking costs a flat fee.",
			}}},
	{key: "ebike-charging", column: "notices", date: "2024-05-22T15:00:00",
		zh: needleText{title: "关于加快建设电动自行车集中充电设施的通知", source: "绵阳市住房和城乡建设委员会",
			body: []string{
				"严禁电动自行车进楼入户充电。各小区应在室外安全区域设置集中停放点，配建智能充电桩，具备定时断电和过载保护功能。",
			}},
		en: needleText{title: "Notice on charging points for electric bicycles", source: "Mianyang Housing and Urban-Rural Development Commission",
			body: []string{
				"Electric bicycles may not be charged inside residential buildings. Each estate shall provide an outdoor parking area with smart charging points that cut power on a timer and on overload.",
			}}},
	{key: "online-services-hk", column: "news", date: "2022-03-14T10:00:00",
		zh: needleText{title: "政務服務事項實現全程綫上辦理", source: "綿陽市政務服務和公共資源交易服務中心",
			body: []string{
				"即日起，企業開辦、社保登記等一百五十項政務服務可在綫上申請、審核和領證，群衆無需到現場。",
			}},
		en: needleText{title: "Government services go fully online", source: "Mianyang Government Services Centre",
			body: []string{
				"From today, 150 services, including registering a business and enrolling in social insurance, can be applied for, reviewed and issued online without a visit.",
			}}},
	{key: "medical-insurance", column: "policies/city-gov", date: "2023-09-01T09:00:00",
		zh: needleText{title: "关于调整城乡居民基本医疗保险缴费标准的通知", source: "绵阳市医疗保障局", docNumber: "绵医保发〔2023〕3号",
			body: []string{
				"二〇二四年度城乡居民基本医疗保险个人缴费标准为每人每年三百八十元，低保对象和特困人员由财政全额资助。",
				"集中缴费期为九月一日至十二月三十一日，可通过银行网点、手机应用或社区代收点缴纳。",
			}},
		en: needleText{title: "Notice on contributions to basic medical insurance for urban and rural residents", source: "Mianyang Healthcare Security Bureau", docNumber: "Mian Yi Bao Fa [2023] No. 3",
			body: []string{
				"For 2024 each resident contributes 380 yuan a year; the government pays in full for people on minimum living allowances and those in extreme hardship.",
				"Contributions are collected from 1 September to 31 December at banks, through the mobile app or at community collection points.",
			}}},
	{key: "flu-vaccine", column: "news", date: "2024-10-09T09:30:00",
		zh: needleText{title: "全市流感疫苗接种工作启动", source: "绵阳市卫生健康委员会",
			body: []string{
				"六十岁以上老人和在校中小学生可免费接种流感疫苗，各社区卫生服务中心设有接种门诊。",
			}},
		en: needleText{title: "Free flu vaccinations begin across the city", source: "Mianyang Health Commission",
			body: []string{
				"People over 60 and school pupils can be vaccinated against flu free of charge at community health centres.",
			}}},
	{key: "tech-expo", column: "news", date: "2025-11-20T18:00:00",
		zh: needleText{title: "第十三届中国（绵阳）科技城国际科技博览会闭幕", source: "绵阳市科学技术局",
			body: []string{
				"本届科博会设六个展区，吸引了九百余家参展商，集中展示了航空航天、新型显示和人工智能领域的新成果。",
			}},
		en: needleText{title: "13th China (Mianyang) Science City International Technology Expo closes", source: "Mianyang Science and Technology Bureau",
			body: []string{
				"This year's expo had six halls and more than 900 exhibitors showing new work in aerospace, new displays and artificial intelligence.",
			}}},
	{key: "street-cafes", column: "notices", date: "2025-04-02T11:00:00",
		zh: needleText{title: "关于规范街边咖啡馆外摆经营的通知", source: "绵阳市城市管理局",
			body: []string{
				"咖啡馆、茶饮店在门前设置外摆桌椅的，应当向所在区城管部门备案，外摆区域不得超过人行道宽度的三分之一。",
			}},
		en: needleText{title: "Rules for street cafés with outdoor tables", source: "Mianyang Urban Management Bureau",
			body: []string{
				"Cafés and tea shops that put tables outside must register with the district urban management office; the tables may take up no more than a third of the pavement.",
			}}},
	{key: "residents-committees", column: "news", date: "2021-12-06T16:40:00",
		zh: needleText{title: "全市社区居民委员会换届选举顺利完成", source: "绵阳市民政局",
			body: []string{
				"本次换届共选出社区居委会成员三千二百余名，其中大专以上学历占比超过六成。",
			}},
		en: needleText{title: "Residents' committee elections completed across the city", source: "Mianyang Civil Affairs Bureau",
			body: []string{
				"More than 3,200 members of community residents' committees were elected; over 60 percent hold a college degree.",
			}}},
	{key: "info-disclosure-tw", column: "notices", date: "2020-01-15T09:00:00",
		zh: needleText{title: "政府資訊公開年度報告編製說明", source: "綿陽市人民政府辦公室",
			body: []string{
				"各部門應於一月三十一日前在網站公佈上一年度政府資訊公開工作報告，並附主動公開和依申請公開的統計數據。",
			}},
		en: needleText{title: "How to prepare the annual report on government information disclosure", source: "General Office of Mianyang Municipal People's Government",
			body: []string{
				"Every department shall publish its report on last year's information disclosure on its website by 31 January, with figures on what it published proactively and on request.",
			}}},
	{key: "drone-rules", column: "policies/city-gov", date: "2025-06-10T10:00:00",
		zh: needleText{title: "绵阳市民用无人机飞行管理暂行办法", source: "绵阳市公安局", docNumber: "绵公规〔2025〕1号",
			body: []string{
				"在机场净空保护区、党政机关和大型活动现场上空禁止飞行无人驾驶航空器，确需飞行的应提前三日申请空域。",
				"违反本办法的，由公安机关依法予以处罚。",
			}},
		en: needleText{title: "Interim rules on flying civil drones in Mianyang", source: "Mianyang Public Security Bureau", docNumber: "Mian Gong Gui [2025] No. 1",
			body: []string{
				"Drones may not fly over airport clearance zones, government compounds or large events; anyone who must fly there applies for airspace three days ahead.",
				"Breaches are penalised by the police under the law.",
			}}},
	{key: "mention-greenway", column: "news", date: "2025-03-03T09:00:00",
		zh: needleText{title: "春季城市环境整治工作会议召开", source: "绵阳市城市管理局",
			body: []string{
				"会议通报了去年城市环境整治的成效，部署了今年背街小巷清扫、违规广告牌拆除和公厕提档等十项任务。",
				"会议还提到，新建绿道沿线的垃圾清运要同步纳入考核。",
			}},
		en: needleText{title: "Spring meeting on the city environment", source: "Mianyang Urban Management Bureau",
			body: []string{
				"The meeting reviewed last year's clean-up of the city and set ten tasks for this year, from sweeping back lanes to removing illegal billboards and upgrading public toilets.",
				"It also said rubbish collection along the new greenway would count in the assessment.",
			}}},
}

var queries = []query{
	// Chinese: words and phrases in titles and running text.
	{"zh", "雨水花园", []string{"rain-gardens"}, "title word"},
	{"zh", "透水铺装", []string{"rain-gardens"}, "body phrase"},
	{"zh", "下凹式绿地", []string{"rain-gardens"}, "body phrase"},
	{"zh", "校车安全", []string{"school-buses"}, "title phrase"},
	{"zh", "灭火器过期", []string{"school-buses"}, "body phrase"},
	{"zh", "冬季消防", []string{"fire-hazards"}, "title phrase"},
	{"zh", "疏散通道", []string{"fire-hazards"}, "body phrase"},
	{"zh", "城市更新行动方案", []string{"urban-renewal"}, "title phrase"},
	{"zh", "特色步行街", []string{"urban-renewal"}, "body phrase"},
	{"zh", "课后服务", []string{"after-school"}, "title word"},
	{"zh", "古树名木", []string{"old-trees"}, "body phrase under an unrelated title"},
	{"zh", "暴雨橙色预警", []string{"rainstorm-warning"}, "title phrase"},
	{"zh", "绵阳市气象台", []string{"rainstorm-warning"}, "source"},
	{"zh", "停车场收费标准", []string{"parking-charges"}, "attachment title"},
	{"zh", "电动自行车 充电桩", []string{"ebike-charging"}, "two terms"},
	{"zh", "流感疫苗", []string{"flu-vaccine"}, "title word"},
	{"zh", "科技博览会", []string{"tech-expo"}, "title phrase"},
	{"zh", "咖啡馆外摆", []string{"street-cafes"}, "title phrase"},
	{"zh", "居委会", []string{"residents-committees"}, "body word"},
	{"zh", "无人机", []string{"drone-rules"}, "title word"},
	{"zh", "绿道", []string{"greenway-plan", "mention-greenway"}, "title match and passing mention"},
	{"zh", "医疗保险缴费标准", []string{"medical-insurance"}, "title phrase"},
	// Simplified queries over traditional text, and the reverse.
	{"zh", "高校毕业生就业", []string{"graduate-jobs"}, "simplified query, traditional title"},
	{"zh", "毕业生就业服务", []string{"graduate-jobs"}, "simplified query, traditional title"},
	{"zh", "就业见习", []string{"graduate-jobs"}, "simplified query, traditional body"},
	{"zh", "一带一路", []string{"belt-road-fair"}, "simplified query, traditional title"},
	{"zh", "经贸合作洽谈会", []string{"belt-road-fair"}, "simplified query, traditional title"},
	{"zh", "線上辦理", []string{"online-services-hk"}, "traditional query, Hong Kong variant in text"},
	{"zh", "线上办理", []string{"online-services-hk"}, "simplified query, Hong Kong variant in text"},
	{"zh", "资讯公开", []string{"info-disclosure-tw"}, "simplified query, traditional text"},
	{"zh", "消防安全隱患", []string{"fire-hazards"}, "traditional query, simplified text"},
	{"zh", "雨水花園", []string{"rain-gardens"}, "traditional query, simplified text"},
	{"zh", "義務教育課後服務", []string{"after-school"}, "traditional query, simplified text"},
	// Document numbers.
	{"zh", "绵府办发〔2022〕27号", []string{"urban-renewal"}, "文号 as written"},
	{"zh", "绵府办发[2022]27号", []string{"urban-renewal"}, "文号 with square brackets"},
	{"zh", "绵府办发 2022 27", []string{"urban-renewal"}, "文号 without brackets"},
	{"zh", "绵府办发（２０２２）２７号", []string{"urban-renewal"}, "文号 with full-width digits"},
	{"zh", "绵教体发〔2024〕8号", []string{"after-school"}, "文号 as written"},
	{"zh", "绵医保发[2023]3号", []string{"medical-insurance"}, "文号 with square brackets"},
	{"zh", "绵公规 2025 1", []string{"drone-rules"}, "文号 without brackets"},
	{"zh", "绵住建发〔2023〕41号", []string{"rain-gardens"}, "文号 as written"},
	// Width folding.
	{"zh", "G20", []string{"g20-forum"}, "half-width query, full-width text"},
	{"zh", "5G基站", []string{"g20-forum"}, "half-width query, full-width text"},

	// English: inflections, case, diacritics.
	{"en", "rain garden", []string{"rain-gardens"}, "singular query, plural text"},
	{"en", "RAIN GARDENS", []string{"rain-gardens"}, "upper case"},
	{"en", "permeable paving", []string{"rain-gardens"}, "body phrase"},
	{"en", "school buses", []string{"school-buses"}, "plural query, singular title"},
	{"en", "inspecting tyres", []string{"school-buses"}, "inflected query"},
	{"en", "graduate employment", []string{"graduate-jobs"}, "singular query, plural text"},
	{"en", "belt and road", []string{"belt-road-fair"}, "title phrase"},
	{"en", "fire hazard", []string{"fire-hazards"}, "singular query"},
	{"en", "escape route", []string{"fire-hazards"}, "body phrase"},
	{"en", "urban renewal", []string{"urban-renewal"}, "title phrase"},
	{"en", "Mian Fu Ban Fa [2022] No. 27", []string{"urban-renewal"}, "document number as written"},
	{"en", "Mian Fu Ban Fa 2022 27", []string{"urban-renewal"}, "document number without brackets"},
	{"en", "after school services", []string{"after-school"}, "title phrase"},
	{"en", "Ｇ２０", []string{"g20-forum"}, "full-width query, full-width text"},
	{"en", "g20", []string{"g20-forum"}, "lower case, full-width text"},
	{"en", "greenways", []string{"greenway-plan", "mention-greenway"}, "plural query, both"},
	{"en", "notable trees", []string{"old-trees"}, "body phrase"},
	{"en", "rainstorm warning", []string{"rainstorm-warning"}, "title phrase"},
	{"en", "meteorological observatory", []string{"rainstorm-warning"}, "source"},
	{"en", "car park charge", []string{"parking-charges"}, "attachment title, singular"},
	{"en", "electric bicycle charging", []string{"ebike-charging"}, "singular query"},
	{"en", "flu vaccine", []string{"flu-vaccine"}, "noun for verb"},
	{"en", "technology expo", []string{"tech-expo"}, "title phrase"},
	{"en", "cafe", []string{"street-cafes"}, "no diacritics"},
	{"en", "CAFÉS", []string{"street-cafes"}, "upper case with diacritics"},
	{"en", "resident committee election", []string{"residents-committees"}, "possessive and plural in text"},
	{"en", "information disclosure", []string{"info-disclosure-tw"}, "title phrase"},
	{"en", "drones", []string{"drone-rules"}, "plural query"},
	{"en", "medical insurance contribution", []string{"medical-insurance"}, "singular query"},
	{"en", "sponge city", []string{"rain-gardens"}, "hyphenated in text"},
}
