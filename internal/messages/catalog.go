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
)

var catalog = map[Key]entry{
	CheckUsage: {
		zh: "用法：gazette check [-s 站点目录] [--strict] [--format text|json] [--lang zh|en]\n\n检查内容，不生成网站。有错误时退出码为 1，用法错误为 2。\n\n选项：\n",
		en: "usage: gazette check [-s SITE] [--strict] [--format text|json] [--lang zh|en]\n\nValidates the content without writing any output. Exits 1 when errors are found, 2 on usage errors.\n\nflags:\n",
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
	BuildDuration: {zh: "用时：    %s\n", en: "duration: %s\n"},
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
}
