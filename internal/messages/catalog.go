package messages

// Keys of the gazette CLI's own messages. Diagnostic keys carry the
// diagnostic's code in their name (DiagXxx ↔ code "xxx").
const (
	// gazette check
	CheckUsage     Key = "check.usage"
	CheckSummary   Key = "check.summary"
	CheckClean     Key = "check.clean"
	CheckBadFormat Key = "check.bad-format"

	// gazette build
	BuildUsage      Key = "build.usage"
	BuildCountsFrom Key = "build.counts-from"
	BuildVerbose    Key = "build.verbose"
	BuildDest       Key = "build.dest"
	BuildPages      Key = "build.pages"
	BuildFiles      Key = "build.files"
	BuildBytes      Key = "build.bytes"
	BuildDuration   Key = "build.duration"
	BuildWarnings   Key = "build.warnings"
	BuildWarning    Key = "build.warning"
	BuildCheckFail  Key = "build.check-failed"
	BuildBadArg     Key = "build.bad-arg"
	BuildFailed     Key = "build.failed"

	// gazette new
	NewUsage       Key = "new.usage"
	NewArgs        Key = "new.args"
	NewBadColumn   Key = "new.bad-column"
	NewBadName     Key = "new.bad-name"
	NewExists      Key = "new.exists"
	NewCreated     Key = "new.created"
	NewNext        Key = "new.next"
	NewWriteFailed Key = "new.write-failed"

	// gazette with no command, -h or an unknown command
	MainUsage   Key = "main.usage"
	MainHelp    Key = "main.help"
	MainUnknown Key = "main.unknown-command"
	BriefBuild  Key = "main.brief-build"
	BriefCheck  Key = "main.brief-check"
	BriefNew    Key = "main.brief-new"
	BriefServe  Key = "main.brief-serve"
	BriefDeploy Key = "main.brief-deploy"

	// gazette serve
	ServeUsage    Key = "serve.usage"
	ServeSite     Key = "serve.site"
	ServePort     Key = "serve.port"
	ServeVerbose  Key = "serve.verbose"
	ServeBadArg   Key = "serve.bad-arg"
	ServeBadPort  Key = "serve.bad-port"
	ServeServing  Key = "serve.serving"
	ServeStopping Key = "serve.stopping"
	// What internal/serve prints while it rebuilds.
	ServeBuilding   Key = "serve.building"
	ServeBuilt      Key = "serve.built"
	ServePages      Key = "serve.pages"
	ServeFailed     Key = "serve.failed"
	ServeKeptLast   Key = "serve.kept-last"
	ServeShowsError Key = "serve.shows-error"
	ServeFixed      Key = "serve.fixed"
	ServeWarning    Key = "serve.warning"

	// gazette deploy
	DeployUsage       Key = "deploy.usage"
	DeployDest        Key = "deploy.dest"
	DeployTarget      Key = "deploy.target"
	DeployDryRunFlag  Key = "deploy.dry-run-flag"
	DeployMaxDeletes  Key = "deploy.max-deletes"
	DeployHTMLMaxAge  Key = "deploy.html-max-age"
	DeployGzip        Key = "deploy.gzip"
	DeployBadArg      Key = "deploy.bad-arg"
	DeployNoTarget    Key = "deploy.no-target"
	DeployNegativeAge Key = "deploy.negative-max-age"
	DeployDone        Key = "deploy.done"
	DeployFailedAfter Key = "deploy.failed-after"
	// What internal/deploy prints on Config.Out.
	DeployStart        Key = "deploy.start"
	DeployPlan         Key = "deploy.plan"
	DeployPlanUpload   Key = "deploy.plan-upload"
	DeployPlanDelete   Key = "deploy.plan-delete"
	DeployDryRun       Key = "deploy.dry-run"
	DeployNothingToDo  Key = "deploy.nothing-to-do"
	DeployUploaded     Key = "deploy.uploaded"
	DeployDeleted      Key = "deploy.deleted"
	DeployStateIgnored Key = "deploy.state-ignored"
	// Upload phases and the reasons for an upload, as the plan names them.
	DeployPhaseAssets      Key = "deploy.phase-assets"
	DeployPhasePages       Key = "deploy.phase-pages"
	DeployPhaseFeeds       Key = "deploy.phase-feeds"
	DeployPhaseSitemaps    Key = "deploy.phase-sitemaps"
	DeployPhaseRobots      Key = "deploy.phase-robots"
	DeployPhaseManifest    Key = "deploy.phase-manifest"
	DeployReasonNew        Key = "deploy.reason-new"
	DeployReasonChanged    Key = "deploy.reason-changed"
	DeployReasonHeaders    Key = "deploy.reason-headers"
	DeployReasonUnrecorded Key = "deploy.reason-unrecorded"

	// ---- gazette version, and what Windows users meet (release builds) ----
	VersionUsage    Key = "version.usage"
	VersionBadArg   Key = "version.bad-arg"
	VersionText     Key = "version.text"
	VersionNoCommit Key = "version.no-commit"
	VersionModified Key = "version.modified"
	VersionNoHugo   Key = "version.no-hugo"
	BriefVersion    Key = "main.brief-version"
	// gazette check: a link or attachment written with Windows' \ separators.
	DiagBackslashPath Key = "diag.backslash-path"
	// ---- end of gazette version and Windows ----

	// shared by the subcommands
	FlagSite      Key = "flag.site"
	FlagStrict    Key = "flag.strict"
	FlagFormat    Key = "flag.format"
	FlagLang      Key = "flag.lang"
	FlagTitleZH   Key = "flag.title-zh"
	FlagTitleEN   Key = "flag.title-en"
	BadArg        Key = "cli.bad-arg"
	BadLang       Key = "cli.bad-lang"
	NotASite      Key = "cli.not-a-site"
	ConfigInvalid Key = "cli.config-invalid"

	// Diagnostics of gazette check, one per code.
	DiagEncoding         Key = "diag.encoding"
	DiagEncodingUnknown  Key = "diag.encoding-unknown"
	DiagBinary           Key = "diag.binary"
	DiagBOM              Key = "diag.bom"
	DiagControlChar      Key = "diag.control-char"
	DiagControlCharMore  Key = "diag.control-char-more"
	DiagInvisibleChar    Key = "diag.invisible-char"
	DiagEmpty            Key = "diag.empty"
	DiagNoFrontMatter    Key = "diag.no-front-matter"
	DiagFrontMatterOpen  Key = "diag.front-matter-unclosed"
	DiagFrontMatterKind  Key = "diag.front-matter-format"
	DiagTOMLSyntax       Key = "diag.toml-syntax"
	DiagYAMLSyntax       Key = "diag.yaml-syntax"
	DiagFrontMatterShape Key = "diag.front-matter-shape"
	DiagUnknownField     Key = "diag.unknown-field"
	DiagUnknownFieldList Key = "diag.unknown-field-list"
	DiagMissingField     Key = "diag.missing-field"
	DiagEmptyField       Key = "diag.empty-field"
	DiagWrongType        Key = "diag.wrong-type"
	DiagDateFormat       Key = "diag.date-format"
	DiagDateNoTime       Key = "diag.date-no-time"
	DiagFuture           Key = "diag.future"
	DiagExpired          Key = "diag.expired"
	DiagDraft            Key = "diag.draft"
	DiagBadID            Key = "diag.bad-id"
	DiagBadAlias         Key = "diag.bad-alias"
	DiagAttachmentKey    Key = "diag.attachment-missing-key"
	DiagAttachmentField  Key = "diag.attachment-unknown-field"
	DiagAttachmentGone   Key = "diag.attachment-not-found"
	DiagAttachmentRel    Key = "diag.attachment-relative"
	DiagTooLarge         Key = "diag.too-large"
	DiagNoContent        Key = "diag.no-content"
	DiagUnknownLanguage  Key = "diag.unknown-language"
	DiagOutsideColumn    Key = "diag.outside-column"
	DiagUnknownColumn    Key = "diag.unknown-column"
	DiagBrokenLink       Key = "diag.broken-link"
	DiagBrokenImage      Key = "diag.broken-image"
	DiagImageAlt         Key = "diag.image-alt"
	DiagRawHTML          Key = "diag.raw-html"
	DiagHeadingSkip      Key = "diag.heading-skip"
	DiagHeadingH1        Key = "diag.heading-h1"
	DiagNoTranslation    Key = "diag.missing-translation"
	DiagKeyMismatch      Key = "diag.translation-key-mismatch"
	DiagDuplicateKey     Key = "diag.duplicate-translation-key"
	DiagDuplicateURL     Key = "diag.duplicate-url"
	DiagDuplicateID      Key = "diag.duplicate-id"

	// The site's shape: columns, 信息公开 metadata, interpretations,
	// freshness (issue 10).
	DiagFolderNotColumn   Key = "diag.folder-not-column"
	DiagConfig            Key = "diag.config"
	DiagEmptyColumn       Key = "diag.empty-column"
	DiagStaleColumn       Key = "diag.stale-column"
	DiagStaleHome         Key = "diag.stale-home"
	DiagIndexNumber       Key = "diag.bad-index-number"
	DiagValidity          Key = "diag.bad-validity"
	DiagValidUntil        Key = "diag.valid-until-without-end"
	DiagPolicyField       Key = "diag.policy-field-outside-policy-column"
	DiagPolicyMissing     Key = "diag.policy-field-missing"
	DiagInterpretsMissing Key = "diag.interprets-missing"
	DiagInterpretsSelf    Key = "diag.interprets-self"
	FlagNow               Key = "flag.now"

	// gazette init and gazette theme (issue 13).
	InitUsage    Key = "init.usage"
	InitArgs     Key = "init.args"
	InitNotEmpty Key = "init.not-empty"
	InitFailed   Key = "init.failed"
	InitKept     Key = "init.kept"
	InitNext     Key = "init.next"
	FlagNameZH   Key = "flag.name-zh"
	FlagNameEN   Key = "flag.name-en"
	FlagBaseURL  Key = "flag.base-url"
	FlagSiteID   Key = "flag.site-id"
	FlagForce    Key = "flag.force"
	BriefInit    Key = "main.brief-init"
	BriefTheme   Key = "main.brief-theme"
	ThemeUsage   Key = "theme.usage"
	ThemeKept    Key = "theme.kept"
	ThemeFailed  Key = "theme.failed"
	BadNow       Key = "check.bad-now"

	// --- content checks: empty text and symbolic links (begin) ---
	DiagEmptyBody      Key = "diag.empty-body"
	DiagSymlinkOutside Key = "diag.symlink-outside"
	DiagSymlinkInside  Key = "diag.symlink-inside"
	// --- content checks: empty text and symbolic links (end) ---

	// Words used inside diagnostics.
	HintQuote       Key = "hint.quote"
	HintYAMLTab     Key = "hint.yaml-tab"
	HintDateSlashes Key = "hint.date-slashes"
	TypeText        Key = "type.text"
	TypeBool        Key = "type.bool"
	TypeInt         Key = "type.int"
	TypeDate        Key = "type.date"
	TypeTextList    Key = "type.text-list"
	TypeAttachments Key = "type.attachments"
	TypeTable       Key = "type.table"
	TypeList        Key = "type.list"
	KindDocx        Key = "kind.docx"
	KindDoc         Key = "kind.doc"
	KindPDF         Key = "kind.pdf"
	KindZip         Key = "kind.zip"
	KindImage       Key = "kind.image"
	KindBinary      Key = "kind.binary"
	LangNameZH      Key = "lang.zh"
	LangNameEN      Key = "lang.en"

	// ==== gazette import (internal/importer and cmd/gazette/import.go) ====
	BriefImport          Key = "main.brief-import"
	ImportUsage          Key = "import.usage"
	ImportPagesUsage     Key = "import.pages-usage"
	ImportDocxUsage      Key = "import.docx-usage"
	ImportUnknownSub     Key = "import.unknown-subcommand"
	ImportBadArg         Key = "import.bad-arg"
	ImportFlagFrom       Key = "import.flag-from"
	ImportFlagPagesLang  Key = "import.flag-pages-lang"
	ImportFlagDocxLang   Key = "import.flag-docx-lang"
	ImportFlagColumn     Key = "import.flag-column"
	ImportFlagBody       Key = "import.flag-body"
	ImportFlagTitle      Key = "import.flag-title"
	ImportFlagDate       Key = "import.flag-date"
	ImportFlagSource     Key = "import.flag-source"
	ImportFlagBaseURL    Key = "import.flag-base-url"
	ImportFlagDryRun     Key = "import.flag-dry-run"
	ImportFlagTimeout    Key = "import.flag-timeout"
	ImportFlagMaxPages   Key = "import.flag-max-pages"
	ImportNeedFrom       Key = "import.need-from"
	ImportNeedColumn     Key = "import.need-column"
	ImportNeedFiles      Key = "import.need-files"
	ImportBadLangValue   Key = "import.bad-lang"
	ImportFailed         Key = "import.failed"
	ImportWrote          Key = "import.wrote"
	ImportWouldWrite     Key = "import.would-write"
	ImportExists         Key = "import.exists"
	ImportIgnored        Key = "import.ignored"
	ImportWarning        Key = "import.warning"
	ImportSkipped        Key = "import.skipped"
	ImportSummary        Key = "import.summary"
	ImportDryRun         Key = "import.dry-run"
	ImportProgress       Key = "import.progress"
	ImportBadColumn      Key = "import.bad-column"
	ImportBadSelector    Key = "import.bad-selector"
	ImportBadFrom        Key = "import.bad-from"
	ImportBadBaseURL     Key = "import.bad-base-url"
	ImportUndecodable    Key = "import.undecodable"
	ImportListPage       Key = "import.list-page"
	ImportNoArticle      Key = "import.no-article"
	ImportNoTitle        Key = "import.no-title"
	ImportNoDate         Key = "import.no-date"
	ImportNoColumn       Key = "import.no-column"
	ImportNoName         Key = "import.no-name"
	ImportOtherHost      Key = "import.other-host"
	ImportRobots         Key = "import.robots"
	ImportFetchFailed    Key = "import.fetch-failed"
	ImportHTTPStatus     Key = "import.http-status"
	ImportTooLarge       Key = "import.too-large"
	ImportRedirectLoop   Key = "import.redirect-loop"
	ImportTimeout        Key = "import.timeout"
	ImportNotInFolder    Key = "import.not-in-folder"
	ImportReadFailed     Key = "import.read-failed"
	ImportWriteFailed    Key = "import.write-failed"
	ImportQueryAlias     Key = "import.query-alias"
	ImportResourceFailed Key = "import.resource-failed"
	ImportNotDocx        Key = "import.not-docx"
	ImportOldDoc         Key = "import.old-doc"
	ImportBrokenDocx     Key = "import.broken-docx"
	ImportDocxNoText     Key = "import.docx-no-text"
	ImportAttachmentGone Key = "import.attachment-not-beside"
	ImportImageNoAlt     Key = "import.image-no-alt"
	ImportKindText       Key = "import.kind-text"
	ImportKindODT        Key = "import.kind-odt"
	ImportKindEmpty      Key = "import.kind-empty"
	// ==== end of gazette import ====

	// ==== gazette import: robots.txt, redirects, re-import, aliases (begin) ====
	ImportRobotsUnavailable Key = "import.robots-unavailable"
	ImportRobotsRedirect    Key = "import.robots-redirect"
	ImportBadAlias          Key = "import.bad-alias"
	// ==== gazette import: robots.txt, redirects, re-import, aliases (end) ====
)

var catalog = map[Key]entry{
	// The site's shape (issue 10).
	DiagFolderNotColumn: {
		zh: "文件夹 %s 不是栏目：公告直接放在 content/<语言>/%s/ 下（带附件的公告可用含 index.md 的文件夹）；若要设为子栏目，请在 config.toml 的 [[columns]] 中添加。栏目有：%s",
		en: "the folder %s is no column: announcements go straight into content/<lang>/%s/ (or a folder with an index.md, for one with attachments); to make it a sub-column, add it to [[columns]] in config.toml. The columns are %s",
	},
	DiagConfig: {zh: "%s", en: "%s"},
	DiagEmptyColumn: {
		zh: "栏目 %q 在%s版中还没有公告：检查指标把空栏目计为问题",
		en: "the column %q has no announcements in %s: the inspection counts empty columns against the site",
	},
	DiagStaleColumn: {
		zh: "栏目 %q 最新的公告发布于 %s，已超过 %s（staleAfter）未更新：检查指标计为栏目不更新",
		en: "the column %q was last updated on %s, longer ago than %s (staleAfter): the inspection counts it as not updated",
	},
	DiagStaleHome: {
		zh: "%s版首页最新的内容发布于 %s，已超过两周：首页两周未更新是检查的单项否决项",
		en: "the newest item on the %s home page is from %s, more than two weeks ago: a home page not updated for two weeks fails the inspection outright",
	},
	DiagIndexNumber: {
		zh: "索引号 %q 的格式应为 <机构代码>/<年份>-<5位序号>，如 008364871/2024-00012（机构代码为 9 位组织机构代码或 18 位统一社会信用代码）",
		en: "the index number (索引号) %q should read <organisation code>/<year>-<5 digits>, such as 008364871/2024-00012 (the code is the 9-character organisation code or the 18-character unified social credit code)",
	},
	DiagValidity: {
		zh: "validity（有效性）应为 \"valid\"、\"expired\"、\"abolished\" 或 \"revised\" 之一，而不是 %q",
		en: "validity must be one of \"valid\", \"expired\", \"abolished\" or \"revised\", not %q",
	},
	DiagValidUntil: {
		zh: "validUntil（有效期至）%s 早于成文日期 %s",
		en: "validUntil %s is before the written date %s",
	},
	DiagPolicyField: {
		zh: "%s 只在政策类栏目（kind = \"policy\"）的信息公开表中显示，而栏目 %q 是普通栏目",
		en: "%s is shown only in the 信息公开 table of policy columns (kind = \"policy\"), and the column %q is a list column",
	},
	DiagPolicyMissing: {
		zh: "政策文件缺少 %s：信息公开表中这一项将为空",
		en: "the policy document has no %s: its line in the 信息公开 table will be empty",
	},
	DiagInterpretsMissing: {
		zh: "interprets 中的 %q 在本语言中找不到对应公告：请写成 <栏目>/<文件名>，如 %q",
		en: "interprets names %q, but there is no announcement at that path in this language: write <column>/<name>, such as %q",
	},
	InitUsage: {
		zh: "用法：gazette init 目录 [--name-zh 名称] [--name-en 名称] [--base-url 地址] [--site-id 标识码] [--force] [--lang zh|en]\n\n在目录中新建一个网站：带说明的 config.toml、一篇中英文公告、.gitignore、两条 CI 流水线和给网站团队的 README。\n没有给出的名称、地址和标识码先用占位值。页面模板在 gazette 程序中，不复制到网站里。\n目录不为空时需要 --force；已有的文件从不覆盖。\n\n选项：\n",
		en: "usage: gazette init DIR [--name-zh NAME] [--name-en NAME] [--base-url URL] [--site-id CODE] [--force] [--lang zh|en]\n\nWrites a new site into DIR: a commented config.toml, one announcement pair, .gitignore, two CI pipelines and a README for the site's team.\nNames, address and code not given get placeholders. The layouts stay inside gazette and are not copied.\nA DIR that is not empty needs --force; files already there are never overwritten.\n\nflags:\n",
	},
	InitArgs: {zh: "gazette init：请给出一个目录\n", en: "gazette init: name one folder\n"},
	InitNotEmpty: {
		zh: "gazette init：%s 不是空目录；要在其中新建网站请加 --force（已有的文件不会被覆盖）\n",
		en: "gazette init: %s is not empty; add --force to write the site into it (files already there are kept)\n",
	},
	InitFailed: {zh: "gazette init：%v\n", en: "gazette init: %v\n"},
	InitKept:   {zh: "已存在，保留原文件：%s\n", en: "already there, kept as it is: %s\n"},
	InitNext: {
		zh: "下一步：cd %s，在 config.toml 中填写名称、地址和标识码，然后运行 gazette serve 预览。\n",
		en: "next: cd %s, fill in the names, address and codes in config.toml, then run gazette serve to preview.\n",
	},
	FlagNameZH:  {zh: "网站的中文名称", en: "the site's name in Chinese"},
	FlagNameEN:  {zh: "网站的英文名称", en: "the site's name in English"},
	FlagBaseURL: {zh: "网站发布的地址，如 https://www.example.gov.cn/", en: "the address the site is published at, e.g. https://www.example.gov.cn/"},
	FlagSiteID:  {zh: "政府网站标识码", en: "the government website identification code (政府网站标识码)"},
	FlagForce:   {zh: "目录不为空时也写入（不覆盖已有文件）", en: "write into a folder that is not empty (never overwriting a file)"},
	BriefInit:   {zh: "新建一个网站", en: "create a new site"},
	BriefTheme:  {zh: "导出内置主题的文件以便修改", en: "copy files of the built-in theme into the site for editing"},
	ThemeUsage: {
		zh: "用法：gazette theme export [-s 站点目录] [路径…] [--lang zh|en]\n\n把内置主题的文件复制到网站中以便修改：不给路径时复制全部，否则只复制给出的文件或文件夹（如 layouts/_partials/footer.html、i18n/zh.toml、assets/css）。\n网站已有的文件从不覆盖。网站中的文件会取代主题中同一路径的文件；界面文字文件只覆盖其中写了的条目。\n\n选项：\n",
		en: "usage: gazette theme export [-s SITE] [PATH…] [--lang zh|en]\n\nCopies files of the built-in theme into the site for editing: all of them, or the files or folders named (such as layouts/_partials/footer.html, i18n/zh.toml, assets/css).\nA file the site already has is never overwritten. A site's file replaces the theme's file of the same path; a strings file overrides only the keys it has.\n\nflags:\n",
	},
	ThemeKept:   {zh: "网站已有此文件，未覆盖：%s\n", en: "the site has this file already, kept: %s\n"},
	ThemeFailed: {zh: "gazette theme export：%v\n", en: "gazette theme export: %v\n"},
	FlagNow: {
		zh: "以此时间（如 2026-12-01T09:00:00+08:00 或 2026-12-01）判断栏目是否及时更新，默认为当前时间",
		en: "judge whether columns are up to date as of this time (e.g. 2026-12-01T09:00:00+08:00 or 2026-12-01); default now",
	},
	BadNow: {
		zh: "gazette check：--now %q 不是时间：请写成 2026-12-01T09:00:00+08:00 或 2026-12-01\n",
		en: "gazette check: --now %q is not a time: write 2026-12-01T09:00:00+08:00 or 2026-12-01\n",
	},
	DiagInterpretsSelf: {
		zh: "公告不能解读它自己（interprets 中的 %q）",
		en: "an announcement cannot interpret itself (%q in interprets)",
	},

	CheckUsage: {
		zh: "用法：gazette check [-s 站点目录] [--strict] [--format text|json] [--now 时间] [--lang zh|en]\n\n检查内容，不生成网站；也按检查指标查找空栏目、超期未更新的栏目和首页。有错误时退出码为 1，用法错误为 2。\n\n选项：\n",
		en: "usage: gazette check [-s SITE] [--strict] [--format text|json] [--now TIME] [--lang zh|en]\n\nValidates the content without writing any output, and looks for what the inspection counts: empty columns, columns and home pages not updated in time. Exits 1 when errors are found, 2 on usage errors.\n\nflags:\n",
	},
	BuildUsage: {
		zh: "用法：gazette build [-s 站点目录] [-d 输出目录] [--counts-from URL] [--lang zh|en] [-v]\n\n生成网站：先检查内容，再渲染、压缩，成功后才替换输出目录。\n\n",
		en: "usage: gazette build [-s SITE] [-d DEST] [--counts-from URL] [--lang zh|en] [-v]\n\nBuild the site: check the content, render, minify, and replace DEST only on success.\n\n",
	},
	BuildCountsFrom: {
		zh: "正在运行的 browsecount 地址（如 https://www.example.gov.cn/api/browsecount），把当前浏览次数写入页面",
		en: "URL of a running browsecount (e.g. https://www.example.gov.cn/api/browsecount) whose current counts are written into the pages",
	},
	BuildVerbose: {zh: "输出构建过程和 Hugo 的日志", en: "log progress and Hugo's messages"},
	BuildDest:    {zh: "输出目录（默认 站点目录/public）", en: "output folder (default SITE/public)"},
	BuildPages:   {zh: "页面：    %s\n", en: "pages:    %s\n"},
	BuildFiles:   {zh: "文件：    %d\n", en: "files:    %d\n"},
	BuildBytes: {
		zh: "字节：    压缩前 %d，压缩后 %d（减少 %.1f%%）\n",
		en: "bytes:    %d before minify, %d after (%.1f%% smaller)\n",
	},
	BuildDuration: {zh: "用时：    %s（其中搜索索引 %s）\n", en: "duration: %s (search index %s)\n"},
	BuildWarnings: {zh: "警告：    %d\n", en: "warnings: %d\n"},
	BuildWarning:  {zh: "  警告：%s\n", en: "  warning: %s\n"},
	BuildCheckFail: {
		zh: "内容中有 %d 个错误；运行 gazette check 可查看全部问题\n",
		en: "%d error(s) in the content; run 'gazette check' for every finding\n",
	},
	BuildBadArg: {
		zh: "gazette build：多余的参数 %q（站点目录请用 -s 指定，输出目录用 -d）\n",
		en: "gazette build: unexpected argument %q (name the site folder with -s, the output with -d)\n",
	},
	BuildFailed: {
		zh: "gazette build：失败；原有的输出目录保持不变\n",
		en: "gazette build: failed; the previous output was left as it was\n",
	},
	CheckSummary: {
		zh: "共检查 %d 个文件：错误 %d 个，警告 %d 个，提示 %d 个。\n",
		en: "checked %d files: %d error(s), %d warning(s), %d info.\n",
	},
	CheckClean: {
		zh: "共检查 %d 个文件，没有发现问题。\n",
		en: "checked %d files: no problems found.\n",
	},
	CheckBadFormat: {
		zh: "gazette check：--format 只能是 text 或 json，不能是 %q\n",
		en: "gazette check: --format must be text or json, not %q\n",
	},

	NewUsage: {
		zh: "用法：gazette new [-s 站点目录] <栏目> <名称> [--title-zh 中文标题] [--title-en 英文标题]\n\n新建一对中英文公告：content/zh/<栏目>/<名称>.md 和 content/en/<栏目>/<名称>.md。\n栏目：%s。名称只能用小写字母、数字和连字符，例如 2019-expert-forum。\n\n选项：\n",
		en: "usage: gazette new [-s SITE] <column> <name> [--title-zh TITLE] [--title-en TITLE]\n\nCreates a Chinese/English announcement pair: content/zh/<column>/<name>.md and content/en/<column>/<name>.md.\nColumns: %s. The name uses lowercase letters, digits and hyphens, e.g. 2019-expert-forum.\n\nflags:\n",
	},
	NewArgs: {
		zh: "gazette new：需要两个参数：栏目和名称，例如 gazette new notices 2019-expert-forum\n",
		en: "gazette new: needs two arguments, a column and a name, e.g. gazette new notices 2019-expert-forum\n",
	},
	NewBadColumn: {
		zh: "gazette new：没有名为 %q 的栏目；可用的栏目：%s\n",
		en: "gazette new: there is no column %q; valid columns: %s\n",
	},
	NewBadName: {
		zh: "gazette new：名称 %q 不可用：只能用小写字母、数字和连字符（不能以连字符开头或结尾），例如 2019-expert-forum\n",
		en: "gazette new: the name %q cannot be used: use lowercase letters, digits and hyphens (not at the start or end), e.g. 2019-expert-forum\n",
	},
	NewExists: {
		zh: "gazette new：%s 已存在，没有写入任何文件；请换一个名称，或直接编辑已有文件\n",
		en: "gazette new: %s already exists, so nothing was written; choose another name or edit the existing file\n",
	},
	NewCreated: {
		zh: "%s\n",
		en: "%s\n",
	},
	NewNext: {
		zh: "下一步：填写两个文件的标题和正文，然后运行 gazette check 检查。\n",
		en: "next: fill in the titles and text of both files, then run gazette check.\n",
	},
	NewWriteFailed: {
		zh: "gazette new：无法写入 %s：%v\n",
		en: "gazette new: cannot write %s: %v\n",
	},

	MainUsage: {
		zh: "用法：gazette <命令> [选项]\n\n命令：\n",
		en: "usage: gazette <command> [flags]\n\ncommands:\n",
	},
	MainHelp: {
		zh: "\n运行 gazette <命令> -h 查看该命令的选项。\nLANG 或 LC_ALL 以 zh 开头时提示信息为中文；也可以用 --lang zh|en 指定。\n",
		en: "\nRun 'gazette <command> -h' for the flags of one command.\nMessages are in Chinese when LANG or LC_ALL starts with zh; --lang zh|en chooses.\n",
	},
	MainUnknown: {
		zh: "gazette：没有 %q 这个命令\n\n",
		en: "gazette: unknown command %q\n\n",
	},
	BriefBuild:  {zh: "把网站生成到一个目录（默认 站点目录/public）", en: "render the site into a folder (default SITE/public)"},
	BriefCheck:  {zh: "检查内容和设置，不生成网站", en: "validate content and settings without writing output"},
	BriefNew:    {zh: "新建一对中英文公告", en: "create a Chinese/English announcement pair"},
	BriefServe:  {zh: "在本机预览网站：自动刷新，统计浏览次数", en: "preview the site with live reload and browse counts"},
	BriefDeploy: {zh: "把生成的网站上传到 S3 兼容的对象存储", en: "upload a built site to S3-compatible storage"},

	ServeUsage: {
		zh: "用法：gazette serve [-s 站点目录] [--port 端口] [-v]\n\n在本机预览网站：content/、layouts/、i18n/、static/、assets/ 中的文件或 config.toml\n保存后，网站会重新生成，已打开的页面会自动刷新。预览只在内存中，不写入\npublic/；预览中的浏览次数保存在 站点目录/.gazette/ 中。\n\n",
		en: "usage: gazette serve [-s SITE] [--port N] [-v]\n\nPreview the site on this computer: it is rebuilt whenever a file in content/,\nlayouts/, i18n/, static/, assets/ or config.toml is saved, and open pages reload\nby themselves. The preview is held in memory and never writes public/; its browse\ncounts live in SITE/.gazette/.\n\n",
	},
	ServeSite:    {zh: "站点目录（含 config.toml、content/、layouts/、i18n/）", en: "site folder (holds config.toml, content/, layouts/, i18n/)"},
	ServePort:    {zh: "127.0.0.1 上的端口（0：任一空闲端口）", en: "port on 127.0.0.1 (0: any free port)"},
	ServeVerbose: {zh: "输出文件变动、Hugo 的日志和浏览次数请求", en: "log file events, Hugo's messages and browse-count requests"},
	ServeBadArg: {
		zh: "gazette serve：多余的参数 %q（站点目录请用 -s 指定）\n",
		en: "gazette serve: unexpected argument %q (name the site folder with -s)\n",
	},
	ServeBadPort: {
		zh: "gazette serve：--port %d 无效：端口应在 0（任一空闲端口）到 65535 之间\n",
		en: "gazette serve: --port %d: must be 0 (any free port) to 65535\n",
	},
	ServeServing:  {zh: "正在预览 %s — 按 Ctrl-C 停止\n", en: "Serving %s — press Ctrl-C to stop\n"},
	ServeStopping: {zh: "正在停止 …\n", en: "Stopping …\n"},
	ServeBuilding: {zh: "正在生成 %s …\n", en: "Building %s …\n"},
	ServeBuilt:    {zh: "%s 生成完成，用时 %s：%s\n", en: "%s built in %s: %s\n"},
	ServePages:    {zh: "中文 %d 页，英文 %d 页", en: "zh %d, en %d pages"},
	ServeFailed:   {zh: "%s 生成失败：\n%s\n", en: "%s build failed:\n%s\n"},
	ServeKeptLast: {
		zh: "  文件改好并保存之前，浏览器会一直显示这个错误；上一次成功生成的网站仍然保留。\n",
		en: "  The browser shows this error until the file is fixed and saved; the last good build is kept.\n",
	},
	ServeShowsError: {
		zh: "  文件改好并保存之前，浏览器会一直显示这个错误。\n",
		en: "  The browser shows this error until the file is fixed and saved.\n",
	},
	ServeFixed:   {zh: "  已修复：浏览器重新显示网站。\n", en: "  Fixed: the browser shows the site again.\n"},
	ServeWarning: {zh: "  警告：%s\n", en: "  warning: %s\n"},

	DeployUsage: {
		zh: "用法：gazette deploy [-s 站点目录] [-d 输出目录] --target URL [--dry-run] [--max-deletes N] [--html-max-age 秒数] [--gzip] [--lang zh|en]\n\n访问凭据来自环境变量 AWS_ACCESS_KEY_ID、AWS_SECRET_ACCESS_KEY（及 AWS_SESSION_TOKEN），\n或 ~/.aws/credentials 和 ~/.aws/config（AWS_PROFILE）。\n",
		en: "usage: gazette deploy [-s SITE] [-d DEST] --target URL [--dry-run] [--max-deletes N] [--html-max-age SECONDS] [--gzip] [--lang zh|en]\n\nCredentials come from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN),\nor from ~/.aws/credentials and ~/.aws/config (AWS_PROFILE).\n",
	},
	DeployDest: {zh: "要上传的已生成网站（默认 站点目录/public）", en: "built site to upload (default SITE/public)"},
	DeployTarget: {
		zh: "上传目标：s3://BUCKET?endpoint=URL&region=REGION&prefix=PATH/&use_path_style=true（BUCKET 是存储桶，PATH/ 是键前缀）",
		en: "where to upload: s3://BUCKET?endpoint=URL&region=REGION&prefix=PATH/&use_path_style=true",
	},
	DeployDryRunFlag: {zh: "只列出计划，不做任何更改", en: "print the plan and change nothing"},
	DeployMaxDeletes: {zh: "要删除的对象超过这个数目时拒绝执行（-1：不限）", en: "refuse to delete more objects than this (-1: no limit)"},
	DeployHTMLMaxAge: {
		zh: "页面、订阅源、站点地图、计数清单及其他文件名不带指纹的文件的 Cache-Control max-age，\n单位为秒（默认取 站点目录/config.toml 中的 deploy.htmlMaxAge，没有则为 300）",
		en: "Cache-Control max-age in seconds of pages, feeds, sitemaps, the manifest\nand every other file whose name is not fingerprinted (default: deploy.htmlMaxAge\nof SITE/config.toml, else 300)",
	},
	DeployGzip: {zh: "文本文件以 gzip 压缩存储，并设置 Content-Encoding: gzip", en: "store text files gzipped, with Content-Encoding: gzip"},
	DeployBadArg: {
		zh: "gazette deploy：多余的参数 %q（要上传的目录请用 -d 指定）\n",
		en: "gazette deploy: unexpected argument %q (name the folder to upload with -d)\n",
	},
	DeployNoTarget: {
		zh: "gazette deploy：必须用 --target 指定上传目标\n",
		en: "gazette deploy: --target is required\n",
	},
	DeployNegativeAge: {
		zh: "gazette deploy：--html-max-age 不能是负数（%d）\n",
		en: "gazette deploy: --html-max-age %d is negative\n",
	},
	DeployDone: {
		zh: "完成：上传 %d 个，删除 %d 个，%d 个未变；%d 次请求，用时 %s\n",
		en: "done: %d uploaded, %d deleted, %d unchanged; %d requests in %s\n",
	},
	DeployFailedAfter: {
		zh: "gazette deploy：失败；此前已上传 %d 个、删除 %d 个对象（%d 次请求，用时 %s）\n",
		en: "gazette deploy: failed after uploading %d and deleting %d objects (%d requests in %s)\n",
	},
	DeployStart:        {zh: "发布 %s 到 %s\n", en: "deploy %s to %s\n"},
	DeployPlan:         {zh: "计划：上传 %d 个，删除 %d 个，%d 个未变\n", en: "plan: %d to upload, %d to delete, %d unchanged\n"},
	DeployPlanUpload:   {zh: "  上传  %s %s（%s）\n", en: "  upload  %s %s (%s)\n"},
	DeployPlanDelete:   {zh: "  删除  %s\n", en: "  delete  %s\n"},
	DeployDryRun:       {zh: "试运行：没有做任何更改\n", en: "dry run: nothing changed\n"},
	DeployNothingToDo:  {zh: "没有需要上传或删除的文件\n", en: "nothing to do\n"},
	DeployUploaded:     {zh: "%[2]s：已上传 %[1]d 个\n", en: "uploaded %d %s\n"},
	DeployDeleted:      {zh: "已删除 %d 个\n", en: "deleted %d\n"},
	DeployStateIgnored: {zh: "警告：%v；将重新上传所有对象\n", en: "warning: %v; uploading every object again\n"},
	// Phase names stay within eight columns, the width of the plan's
	// phase column (a Chinese character takes two).
	DeployPhaseAssets:      {zh: "资源", en: "assets"},
	DeployPhasePages:       {zh: "页面", en: "pages"},
	DeployPhaseFeeds:       {zh: "订阅源", en: "feeds"},
	DeployPhaseSitemaps:    {zh: "站点地图", en: "sitemaps"},
	DeployPhaseRobots:      {zh: "robots", en: "robots"},
	DeployPhaseManifest:    {zh: "计数清单", en: "manifest"},
	DeployReasonNew:        {zh: "新增", en: "new"},
	DeployReasonChanged:    {zh: "内容有改动", en: "changed"},
	DeployReasonHeaders:    {zh: "响应头有改动", en: "headers"},
	DeployReasonUnrecorded: {zh: "发布记录中没有", en: "unrecorded"},

	// ---- gazette version, and what Windows users meet (release builds) ----
	VersionUsage: {
		zh: "用法：gazette version [--lang zh|en]\n\n显示 gazette 的版本、构建所用的提交和内置的 Hugo 版本。\n",
		en: "usage: gazette version [--lang zh|en]\n\nPrints gazette's version, the commit it was built from and the Hugo version it renders with.\n",
	},
	VersionBadArg: {
		zh: "gazette version：多余的参数 %q\n",
		en: "gazette version: unexpected argument %q\n",
	},
	// The first line stays "gazette VERSION" in both languages, for scripts.
	VersionText: {
		zh: "gazette %s\n提交：%s\nHugo：%s\nGo：%s %s\n",
		en: "gazette %s\ncommit: %s\nHugo:   %s\nGo:     %s %s\n",
	},
	VersionNoCommit: {zh: "未知（不是从 git 仓库构建的）", en: "unknown (not built from a git checkout)"},
	VersionModified: {zh: "（含未提交的改动）", en: " (with uncommitted changes)"},
	VersionNoHugo:   {zh: "未知", en: "unknown"},
	BriefVersion:    {zh: "显示版本、提交和 Hugo 版本", en: "print the version, commit and Hugo version"},
	DiagBackslashPath: {
		// Not %q, which would double every backslash.
		zh: "“%s”用 \\ 分隔文件夹：链接和附件的路径要用 /，请写成“%s”",
		en: "\"%s\" separates folders with \\: links and attachments use /, so write \"%s\"",
	},
	// ---- end of gazette version and Windows ----

	FlagSite:    {zh: "站点目录（含 config.toml 和 content/）", en: "site folder (holds config.toml and content/)"},
	FlagStrict:  {zh: "把警告（如缺少翻译）也当作错误", en: "treat warnings (such as a missing translation) as errors"},
	FlagFormat:  {zh: "输出格式：text 或 json", en: "output format: text or json"},
	FlagLang:    {zh: "提示信息的语言：zh 或 en（默认按 LANG/LC_ALL）", en: "language of the messages: zh or en (default from LANG/LC_ALL)"},
	FlagTitleZH: {zh: "中文标题", en: "the Chinese title"},
	FlagTitleEN: {zh: "英文标题", en: "the English title"},
	BadArg: {
		zh: "gazette check：多余的参数 %q（站点目录请用 -s 指定）\n",
		en: "gazette check: unexpected argument %q (name the site folder with -s)\n",
	},
	BadLang: {
		zh: "--lang 只能是 zh 或 en，不能是 %q\n",
		en: "--lang must be zh or en, not %q\n",
	},
	NotASite: {
		zh: "%s 不是 Gazette 站点目录（没有 config.toml）；请在站点目录中运行，或用 -s 指定站点目录\n",
		en: "%s is not a Gazette site folder (it has no config.toml); run in the site folder or name it with -s SITE\n",
	},
	ConfigInvalid: {
		zh: "站点设置有误，请修改后重试：\n%v\n",
		en: "the site settings are invalid; fix them and try again:\n%v\n",
	},

	DiagEncoding: {
		zh: "文件编码是 %s，不是 UTF-8：请在编辑器中另存为 UTF-8，或在站点目录中运行：%s",
		en: "the file is saved as %s, not UTF-8: save it again as UTF-8 in your editor, or run this in the site folder: %s",
	},
	DiagEncodingUnknown: {
		zh: "文件不是有效的 UTF-8 文本（第一个无效字节是 0x%02X）：请在编辑器中另存为 UTF-8",
		en: "the file is not valid UTF-8 text (first bad byte 0x%02X): save it again as UTF-8 in your editor",
	},
	DiagBinary: {
		zh: "这不是文本文件（看起来是%s）：请把公告内容粘贴到纯文本的 .md 文件中",
		en: "this is not a text file (it looks like %s): paste the announcement's text into a plain-text .md file",
	},
	DiagBOM: {
		zh: "文件开头有 UTF-8 字节顺序标记（BOM）：请另存为不带 BOM 的 UTF-8",
		en: "the file starts with a UTF-8 byte-order mark (BOM): save it as UTF-8 without BOM",
	},
	DiagControlChar: {
		zh: "不可见的控制字符 %s（常见于从 Word 粘贴的文字）：请删除它",
		en: "invisible control character %s (often pasted from Word): delete it",
	},
	DiagControlCharMore: {
		zh: "不可见的控制字符 %s（常见于从 Word 粘贴的文字）：请删除它；本文件中还有 %d 处",
		en: "invisible control character %s (often pasted from Word): delete it; the file has %d more",
	},
	DiagInvisibleChar: {
		zh: "不可见字符 %s（常见于从 Word 或网页粘贴的文字）：请删除它或换成普通空格、换行",
		en: "invisible character %s (often pasted from Word or a web page): delete it or use a plain space or line break",
	},
	DiagEmpty: {
		zh: "文件是空的：至少需要含有 title 和 date 的前置元数据（可用 gazette new 新建公告）",
		en: "the file is empty: it needs front matter with at least title and date (gazette new creates a new announcement)",
	},
	DiagNoFrontMatter: {
		zh: "文件没有以前置元数据开头：第一行应为 +++（TOML）或 ---（YAML），随后是 title 和 date",
		en: "the file does not start with front matter: its first line must be +++ (TOML) or --- (YAML), followed by title and date",
	},
	DiagFrontMatterOpen: {
		zh: "第 %d 行以 %s 开始的前置元数据没有结束：请在最后一个字段后加一行 %s",
		en: "the front matter opened with %[2]s on line %[1]d is never closed: add a line %[3]s after its last field",
	},
	DiagFrontMatterKind: {
		zh: "前置元数据必须是 TOML（用 +++ 包围）或 YAML（用 --- 包围）",
		en: "front matter must be TOML (between +++ lines) or YAML (between --- lines)",
	},
	DiagTOMLSyntax: {
		zh: "前置元数据不是有效的 TOML：%s%s",
		en: "the front matter is not valid TOML: %s%s",
	},
	DiagYAMLSyntax: {
		zh: "前置元数据不是有效的 YAML：%s%s",
		en: "the front matter is not valid YAML: %s%s",
	},
	DiagFrontMatterShape: {
		zh: "前置元数据必须是“字段: 值”的列表",
		en: "the front matter must be a list of fields with values",
	},
	DiagUnknownField: {
		zh: "未知字段 %q：是不是想写 %q？",
		en: "unknown field %q: did you mean %q?",
	},
	DiagUnknownFieldList: {
		zh: "未知字段 %q：可用的字段有 %s",
		en: "unknown field %q: the known fields are %s",
	},
	DiagMissingField: {
		zh: "缺少必填字段 %q：请在前置元数据中加上",
		en: "the required field %q is missing: add it to the front matter",
	},
	DiagEmptyField: {
		zh: "字段 %q 是空的：请填写",
		en: "the field %q is empty: fill it in",
	},
	DiagWrongType: {
		zh: "字段 %q 应当是%s，而不是 %s",
		en: "the field %q must be %s, not %s",
	},
	DiagDateFormat: {
		zh: "字段 %q 的值 %q 不是日期时间：请写成 %s 的形式%s",
		en: "the field %q has %q, which is not a date and time: write it like %s%s",
	},
	DiagDateNoTime: {
		zh: "字段 %q 只有日期没有时间：请加上时间，例如 %s",
		en: "the field %q has a date but no time: add the time, e.g. %s",
	},
	DiagFuture: {
		zh: "发布时间 %s 在将来：在此之前网站上不会显示这篇公告",
		en: "the publish time %s is in the future: the announcement will not appear on the site before then",
	},
	DiagExpired: {
		zh: "已于 %s 到期（expiryDate）：网站上不再显示这篇公告",
		en: "it expired on %s (expiryDate): the announcement is no longer shown on the site",
	},
	DiagDraft: {
		zh: "这是草稿（draft = true）：删除 draft 或改为 false 之后才会发布",
		en: "this is a draft (draft = true): it is published only after draft is removed or set to false",
	},
	DiagBadAlias: {
		zh: "别名 %q 不能作为旧地址使用（%v）：请删去，或改成站内的一个路径",
		en: "the alias %q cannot serve as an old address (%v): remove it or make it one path of the site",
	},
	DiagBadID: {
		zh: "字段 %q 最长 200 字节，且不能含空格或控制字符",
		en: "the field %q must be at most 200 bytes, without spaces or control characters",
	},
	DiagAttachmentKey: {
		zh: "第 %d 个附件缺少 %q",
		en: "attachment %d has no %q",
	},
	DiagAttachmentField: {
		zh: "第 %d 个附件有未知字段 %q：附件只有 title 和 file",
		en: "attachment %d has the unknown field %q: an attachment has only title and file",
	},
	DiagAttachmentGone: {
		zh: "附件 %q 不存在（查找的是 %s）",
		en: "the attachment %q does not exist (looked for %s)",
	},
	DiagAttachmentRel: {
		zh: "附件 %q 是相对路径，但本页不是页面包：请把文件放到 static/ 下并写成 %q，或把本页移到 %s/index.md 并把附件放在同一文件夹",
		en: "the attachment %q is a relative path but this page is not a page bundle: put the file under static/ and write %q, or move the page to %s/index.md with the file beside it",
	},
	DiagTooLarge: {
		zh: "%q 有 %.1f MB，超过了 %d MB 的上限（config.toml 中的 maxAttachmentMB）：请压缩或拆分",
		en: "%q is %.1f MB, over the limit of %d MB (maxAttachmentMB in config.toml): compress or split it",
	},
	DiagNoContent: {
		zh: "站点没有 content 文件夹：用 gazette new 新建第一篇公告",
		en: "the site has no content folder: create the first announcement with gazette new",
	},
	DiagUnknownLanguage: {
		zh: "文件夹 %q 不是语言文件夹：内容应放在 content/zh/ 或 content/en/ 下",
		en: "the folder %q is not a language: content goes under content/zh/ or content/en/",
	},
	DiagOutsideColumn: {
		zh: "公告应放在栏目文件夹中：content/%s/<栏目>/，栏目为 %s 之一",
		en: "announcements belong in a column folder, content/%s/<column>/, with the column one of %s",
	},
	DiagUnknownColumn: {
		zh: "文件夹 %q 不是栏目：可用的栏目有 %s，请把文件移到其中之一",
		en: "the folder %q is not a column: the columns are %s; move the file into one of them",
	},
	DiagBrokenLink: {
		zh: "链接 %q 指向的页面或文件不存在",
		en: "the link %q leads to a page or file that does not exist",
	},
	DiagBrokenImage: {
		zh: "图片 %q 不存在",
		en: "the image %q does not exist",
	},
	DiagImageAlt: {
		zh: "图片 %q 没有替代文字：请在方括号中描述图片，例如 ![图片说明](%s)",
		en: "the image %q has no alt text: describe it in the brackets, e.g. ![what it shows](%s)",
	},
	DiagRawHTML: {
		zh: "原始 HTML %s 不会显示（config.toml 中 allowHTML = false），会从页面中删除：请改用 Markdown 书写",
		en: "the raw HTML %s is not rendered (allowHTML = false in config.toml) and is dropped from the page: write it in Markdown instead",
	},
	DiagHeadingSkip: {
		zh: "标题级别从 %d 级跳到了 %d 级：请用 %s",
		en: "the heading jumps from level %d to level %d: use %s",
	},
	DiagHeadingH1: {
		zh: "正文中有一级标题（#）：页面标题已经是一级标题，正文小节请用 ##",
		en: "a level-1 heading (#) in the text: the page title is already the level-1 heading, use ## for sections",
	},
	DiagNoTranslation: {
		zh: "没有%s版本：应有 %s，或另一语言中 translationKey 相同的页面",
		en: "there is no %s version: expected %s, or a page in the other language with the same translationKey",
	},
	DiagKeyMismatch: {
		zh: "%s 路径相同但 translationKey 不同（本页 %q，对方 %q）：两者的 translationKey 必须一致",
		en: "%s has the same path but a different translationKey (here %q, there %q): give both the same translationKey",
	},
	DiagDuplicateKey: {
		zh: "translationKey %q 已被同一语言的 %s 使用：每篇公告需要自己的 translationKey",
		en: "translationKey %q is also used by %s in the same language: each announcement needs its own key",
	},
	DiagDuplicateURL: {
		zh: "网址 %s 与 %s 相同：请给其中一个文件改名或修改 slug",
		en: "the URL %s is also the URL of %s: rename one of the files or change its slug",
	},

	DiagDuplicateID: {
		zh: "浏览次数编号 %q 与 %s 相同：请给其中一篇改用不同的 id 或 translationKey",
		en: "the browse-count id %q is also the id of %s: give one of them a different id or translationKey",
	},

	// --- content checks: empty text and symbolic links (begin) ---
	DiagEmptyBody: {
		zh: "正文为空：读者只能看到标题。请在前置元数据之后写正文",
		en: "the announcement has no text: readers see only its title. Write the text below the front matter",
	},
	DiagSymlinkOutside: {
		zh: "这是指向站点以外 %q 的符号链接：gazette 不会读取它。如需发布，请把内容复制到站点中",
		en: "this is a symbolic link to %q, outside the site: gazette does not read it. To publish what it points at, copy that into the site",
	},
	DiagSymlinkInside: {
		zh: "这是指向 %q 的符号链接：生成网站时不会发布链接。请把文件或文件夹本身放在这里",
		en: "this is a symbolic link to %q: the build does not publish links. Put the file or folder itself here",
	},
	// --- content checks: empty text and symbolic links (end) ---

	HintQuote: {
		zh: "（文字值要加引号，例如 title = \"……\"）",
		en: " (text values need quotes, e.g. title = \"…\")",
	},
	HintYAMLTab: {
		zh: "（YAML 不能用 Tab 缩进，请改用空格）",
		en: " (YAML does not allow tabs for indentation: indent with spaces)",
	},
	HintDateSlashes: {
		zh: "（日期用短横线分隔，不用斜杠）",
		en: " (dates are separated with hyphens, not slashes)",
	},
	TypeText:        {zh: "文字", en: "text"},
	TypeBool:        {zh: " true 或 false", en: "true or false"},
	TypeInt:         {zh: "整数", en: "a whole number"},
	TypeDate:        {zh: "日期时间", en: "a date and time"},
	TypeTextList:    {zh: "文字列表，例如 [\"甲\", \"乙\"]", en: "a list of text, e.g. [\"a\", \"b\"]"},
	TypeAttachments: {zh: "附件列表（每项有 title 和 file）", en: "a list of attachments (each with title and file)"},
	TypeTable:       {zh: "表", en: "a table"},
	TypeList:        {zh: "列表", en: "a list"},
	KindDocx:        {zh: " Word 文档（.docx）", en: "a Word document (.docx)"},
	KindDoc:         {zh: " Word 或 Excel 文档（.doc/.xls）", en: "a Word or Excel document (.doc/.xls)"},
	KindPDF:         {zh: " PDF 文件", en: "a PDF file"},
	KindZip:         {zh: " ZIP 压缩包", en: "a ZIP archive"},
	KindImage:       {zh: "图片", en: "an image"},
	KindBinary:      {zh: "二进制数据", en: "binary data"},
	LangNameZH:      {zh: "中文", en: "Chinese"},
	LangNameEN:      {zh: "英文", en: "English"},

	// ==== gazette import (internal/importer and cmd/gazette/import.go) ====
	BriefImport: {zh: "从旧网站的页面或 Word 文档（.docx）导入公告", en: "import announcements from an old site's pages or Word files (.docx)"},
	ImportUsage: {
		zh: "用法：\n  gazette import pages [-s 站点目录] --from 目录|URL [--lang zh|en] [--column 栏目] [--body CSS] [--title CSS] [--date CSS] [--source CSS] [--base-url URL] [--dry-run]\n  gazette import docx [-s 站点目录] --column 栏目 [--lang zh|en] 文件.docx…\n\n把旧网站的文章页面或 Word 文档转换为公告，写入 content/。不会覆盖已有文件。\n退出码：0 全部成功，1 有输入被跳过或出错，2 用法错误。提示信息的语言按 LANG/LC_ALL。\n详见 docs/import.md。\n",
		en: "usage:\n  gazette import pages [-s SITE] --from DIR|URL [--lang zh|en] [--column KEY] [--body CSS] [--title CSS] [--date CSS] [--source CSS] [--base-url URL] [--dry-run]\n  gazette import docx [-s SITE] --column KEY [--lang zh|en] FILE.docx…\n\nTurns an old site's article pages or Word documents into announcements under content/. It never overwrites a file.\nExit 0 when everything was imported, 1 when an input was skipped or failed, 2 on usage errors. Messages follow LANG/LC_ALL.\nSee docs/import.md.\n",
	},
	ImportPagesUsage: {
		zh: "用法：gazette import pages [-s 站点目录] --from 目录|URL [--lang zh|en] [--column 栏目] [--body CSS] [--title CSS] [--date CSS] [--source CSS] [--base-url URL] [--dry-run]\n\n导入旧网站的文章页面：来自保存页面的目录（如 wget --mirror 的副本），或从一个网址开始抓取同一主机上的页面。\n列表页会被识别并跳过。图片和附件复制到公告的页面包中；旧网址写入 aliases，新网站会跳转过去。\n\n选项：\n",
		en: "usage: gazette import pages [-s SITE] --from DIR|URL [--lang zh|en] [--column KEY] [--body CSS] [--title CSS] [--date CSS] [--source CSS] [--base-url URL] [--dry-run]\n\nImports an old site's article pages: from a folder of saved pages (such as a wget --mirror copy), or by fetching the pages of one host from a start URL.\nList pages are recognised and skipped. Images and attachments are copied into each announcement's page bundle; the old address goes into aliases and the new site redirects it.\n\nflags:\n",
	},
	ImportDocxUsage: {
		zh: "用法：gazette import docx [-s 站点目录] --column 栏目 [--lang zh|en] 文件.docx…\n\n把 Word 文档转换为公告：标题、各级标题（含“一、”“（一）”编号）、段落、列表、表格、加粗斜体、链接、脚注和图片；\n识别公文的文号、发文机关、成文日期和附件说明。\n\n选项：\n",
		en: "usage: gazette import docx [-s SITE] --column KEY [--lang zh|en] FILE.docx…\n\nConverts Word documents to announcements: title, headings (also from 一、 and （一） numbering), paragraphs, lists, tables, bold and italic, links, footnotes and images;\nrecognises an official document's number (文号), issuer (发文机关), date written (成文日期) and attachment list (附件).\n\nflags:\n",
	},
	ImportUnknownSub: {
		zh: "gazette import：没有 %q 这种导入；可用 pages 或 docx\n",
		en: "gazette import: there is no import %q; use pages or docx\n",
	},
	ImportBadArg: {
		zh: "gazette import pages：多余的参数 %q（来源请用 --from 指定）\n",
		en: "gazette import pages: unexpected argument %q (name the source with --from)\n",
	},
	ImportFlagFrom:      {zh: "保存页面的目录，或开始抓取的 http(s) 网址", en: "folder of saved pages, or http(s) URL to start fetching at"},
	ImportFlagPagesLang: {zh: "未声明语言的页面所用的语言：zh 或 en（默认 zh）", en: "language of pages that do not declare theirs: zh or en (default zh)"},
	ImportFlagDocxLang:  {zh: "文档的语言：zh 或 en（默认 zh）", en: "language of the documents: zh or en (default zh)"},
	ImportFlagColumn:    {zh: "公告所属栏目（%s）；导入页面时不填则按页面的 ColumnName 元标签", en: "column the announcements go into (%s); for pages, default from each page's ColumnName meta tag"},
	ImportFlagBody:      {zh: "正文的 CSS 选择器（页面没有可识别的正文容器时使用）", en: "CSS selector of the article text, for pages without a known container"},
	ImportFlagTitle:     {zh: "标题的 CSS 选择器（页面没有 ArticleTitle 元标签时使用）", en: "CSS selector of the title, for pages without an ArticleTitle meta tag"},
	ImportFlagDate:      {zh: "发布时间的 CSS 选择器（页面没有 PubDate 元标签时使用）", en: "CSS selector of the publish time, for pages without a PubDate meta tag"},
	ImportFlagSource:    {zh: "来源的 CSS 选择器（页面没有 ContentSource 元标签时使用）", en: "CSS selector of the source, for pages without a ContentSource meta tag"},
	ImportFlagBaseURL:   {zh: "旧网站的地址，用于保存页面的目录（默认取目录名，如 www.example.gov.cn）", en: "the old site's address, for a folder of saved pages (default: the folder's name, e.g. www.example.gov.cn)"},
	ImportFlagDryRun:    {zh: "只列出将要写入的文件，不写入任何内容", en: "list what would be written, and write nothing"},
	ImportFlagTimeout:   {zh: "每个请求的超时时间", en: "time limit of each request"},
	ImportFlagMaxPages:  {zh: "最多抓取的页面数", en: "most pages to fetch"},
	ImportNeedFrom: {
		zh: "gazette import pages：必须用 --from 指定保存页面的目录或网址\n",
		en: "gazette import pages: --from is required: a folder of saved pages or a URL\n",
	},
	ImportNeedColumn: {
		zh: "gazette import docx：必须用 --column 指定栏目（%s）\n",
		en: "gazette import docx: --column is required (%s)\n",
	},
	ImportNeedFiles: {
		zh: "gazette import docx：请至少给出一个 .docx 文件\n",
		en: "gazette import docx: name at least one .docx file\n",
	},
	ImportBadLangValue: {
		zh: "gazette import：--lang 只能是 zh 或 en，不能是 %q\n",
		en: "gazette import: --lang must be zh or en, not %q\n",
	},
	ImportFailed:     {zh: "gazette import：%s\n", en: "gazette import: %s\n"},
	ImportWrote:      {zh: "已写入 %s（来自 %s）\n", en: "wrote %s (from %s)\n"},
	ImportWouldWrite: {zh: "将写入 %s（来自 %s）\n", en: "would write %s (from %s)\n"},
	ImportExists:     {zh: "已存在 %s（来自 %s）：未改动\n", en: "exists %s (from %s): left as it is\n"},
	ImportIgnored:    {zh: "忽略 %s：%s\n", en: "ignored %s: %s\n"},
	ImportWarning:    {zh: "警告 %s：%s\n", en: "warning %s: %s\n"},
	ImportSkipped:    {zh: "跳过 %s：%s\n", en: "skipped %s: %s\n"},
	ImportSummary: {
		zh: "导入 %d 篇，已存在 %d 篇，跳过 %d 个，忽略 %d 个，警告 %d 条。\n",
		en: "imported %d, already there %d, skipped %d, ignored %d, warnings %d.\n",
	},
	ImportDryRun:   {zh: "试运行：没有写入任何文件\n", en: "dry run: nothing was written\n"},
	ImportProgress: {zh: "已读取 %d 个页面，其中文章 %d 篇", en: "read %d pages, %d articles"},
	ImportBadColumn: {
		zh: "没有名为 %q 的栏目；可用的栏目：%s",
		en: "there is no column %q; the columns are %s",
	},
	ImportBadSelector: {zh: "%s %q 不是有效的 CSS 选择器：%v", en: "%s %q is not a valid CSS selector: %v"},
	ImportBadFrom: {
		zh: "--from %q 既不是目录，也不是 http(s) 网址",
		en: "--from %q is neither a folder nor an http(s) URL",
	},
	ImportBadBaseURL:  {zh: "--base-url %q 不是绝对网址，例如 https://www.example.gov.cn/", en: "--base-url %q is not an absolute URL such as https://www.example.gov.cn/"},
	ImportUndecodable: {zh: "无法读取 %s：%v", en: "cannot read %s: %v"},
	ImportListPage:    {zh: "这是列表页，不是文章", en: "a list page, not an article"},
	ImportNoArticle: {
		zh: "在 %s 中找不到文章：没有 ArticleTitle 元标签，也没有可识别的正文；如果它是文章，请用 --body 给出正文的 CSS 选择器",
		en: "no article found in %s: it has no ArticleTitle meta tag and no recognisable text; if it is an article, give the text's CSS selector with --body",
	},
	ImportNoTitle: {
		zh: "%s 没有标题：没有 ArticleTitle 元标签，也没有 <title>；请用 --title 给出标题的 CSS 选择器",
		en: "%s has no title: no ArticleTitle meta tag and no <title>; give the title's CSS selector with --title",
	},
	ImportNoDate: {
		zh: "%s 没有发布时间：没有 PubDate 元标签，页面上也没有“发布时间：”；请用 --date 给出发布时间的 CSS 选择器",
		en: "%s has no publish time: no PubDate meta tag and no \"发布时间：\" on the page; give its CSS selector with --date",
	},
	ImportNoColumn: {
		zh: "%s 的栏目 %q 不对应任何栏目：请用 --column 指定",
		en: "%s: its column %q matches none of the site's columns; name one with --column",
	},
	ImportNoName:      {zh: "%s：找不到可用的文件名", en: "%s: no free file name for it"},
	ImportOtherHost:   {zh: "%s 在另一个主机上，不抓取", en: "%s is on another host and is not fetched"},
	ImportRobots:      {zh: "robots.txt 不允许抓取 %s", en: "robots.txt does not allow fetching %s"},
	ImportFetchFailed: {zh: "无法获取 %s：%v", en: "cannot fetch %s: %v"},
	ImportHTTPStatus:  {zh: "%s 返回 %s", en: "%s answered %s"},
	ImportTooLarge:    {zh: "%s 超过 %d MB，不导入", en: "%s is larger than %d MB and is not imported"},
	ImportRedirectLoop: {
		zh: "%s 的跳转形成了循环（或跳转超过 10 次）",
		en: "%s redirects in a loop (or more than 10 times)",
	},
	ImportTimeout:     {zh: "%s 在 %s 内没有响应", en: "%s did not answer within %s"},
	ImportNotInFolder: {zh: "%s 不在保存的目录中（查找的是 %s）", en: "%s is not in the saved folder (looked for %s)"},
	ImportReadFailed:  {zh: "无法读取 %s：%v", en: "cannot read %s: %v"},
	ImportWriteFailed: {zh: "无法写入 %s：%v；这篇公告没有写入任何文件", en: "cannot write %s: %v; nothing was written for this announcement"},
	ImportQueryAlias: {
		zh: "旧网址 %s 带有查询参数，静态网站无法跳转：这篇公告没有 aliases",
		en: "the old address %s has a query string, which a static site cannot redirect: the announcement has no aliases",
	},
	ImportResourceFailed: {
		zh: "无法复制 %s（%v）：链接仍指向旧网站",
		en: "could not copy %s (%v): the link still leads to the old site",
	},
	ImportNotDocx: {
		zh: "%s 不是 Word 文档（.docx），看起来是%s：请在 Word 或 WPS 中另存为 .docx",
		en: "%s is not a Word document (.docx), it looks like %s: save it as .docx in Word or WPS",
	},
	ImportOldDoc: {
		zh: "%s 是旧版 Word 97-2003 文档（.doc）：请在 Word 或 WPS 中另存为 .docx 后再导入",
		en: "%s is an old Word 97-2003 document (.doc): save it as .docx in Word or WPS, then import it",
	},
	ImportBrokenDocx: {
		zh: "%s 已损坏，无法读取（%v）：请在 Word 或 WPS 中打开并重新保存",
		en: "%s is damaged and cannot be read (%v): open it in Word or WPS and save it again",
	},
	ImportDocxNoText: {zh: "%s 中没有文字", en: "%s has no text"},
	ImportAttachmentGone: {
		zh: "文中列出了附件“%s”，但在文档旁没有找到同名文件：请把附件文件放在 .docx 旁边后重新导入，或手动加入 attachments",
		en: "the document lists the attachment \"%s\" but no file of that name is beside it: put the file beside the .docx and import again, or add it to attachments by hand",
	},
	ImportImageNoAlt: {
		zh: "第 %d 张图片没有替代文字：请在 Markdown 的方括号中描述图片",
		en: "image %d has no alt text: describe it in the markdown's brackets",
	},
	ImportKindText:  {zh: "网页或文本文件", en: "a web page or text file"},
	ImportKindODT:   {zh: " OpenDocument 文档（.odt）", en: "an OpenDocument text (.odt)"},
	ImportKindEmpty: {zh: "空文件", en: "an empty file"},
	// ==== end of gazette import ====

	// ==== gazette import: robots.txt, redirects, re-import, aliases (begin) ====
	ImportRobotsUnavailable: {
		zh: "无法读取 %s（%v）：按 robots.txt 的规则，这时整个网站都不能抓取，什么也没有导入；请等旧网站恢复后再运行，或保存页面后用 --from 目录 导入",
		en: "cannot read %s (%v): by the rules of robots.txt the whole site is then disallowed, and nothing was imported; run it again once the old site answers, or import a saved copy with --from DIR",
	},
	ImportRobotsRedirect: {
		zh: "%s 跳转到 %s，robots.txt 不允许抓取该地址，因此没有跟随",
		en: "%s redirects to %s, which robots.txt does not allow fetching; the redirect was not followed",
	},
	ImportBadAlias: {
		zh: "旧网址 %s 的路径 %q 不能作为新网站的跳转地址（%v）：这篇公告没有 aliases，旧网址不会跳转",
		en: "the old address %s has the path %q, which cannot be an address of the new site (%v): the announcement has no aliases, and the old address will not redirect",
	},
	// ==== gazette import: robots.txt, redirects, re-import, aliases (end) ====
}
