package counter

import (
	"strings"
	"sync"
)

// botMarkers are lower-case substrings of User-Agent headers sent by
// crawlers, link previewers, headless browsers, automation tools and HTTP
// libraries. Such clients get the count but do not add to it: a person
// reading a page sends a browser's User-Agent.
var botMarkers = []string{
	"bot", "crawl", "spider", "slurp", "scrape", "archiver", "fetch",
	"headless", "phantomjs", "puppeteer", "playwright", "selenium", "webdriver", "lighthouse",
	"pagespeed", "preview", "monitor", "uptime", "check_http", "nagios",
	"curl", "wget", "httpie", "python", "go-http-client", "java/", "okhttp", "libwww",
	"httpclient", "axios", "node-fetch", "undici", "ruby", "perl", "php", "postman", "insomnia",
	"feed", "rss", "facebookexternalhit", "yahoo! slurp", "mediapartners", "yandex", "semrush",
	"ahrefs", "bytespider", "petalsearch", "sogou", "360spider", "haosou", "yisou",
}

// notBots are User-Agent fragments that contain a marker but belong to
// people's devices (phone brands whose names end in "bot").
var notBots = []string{"cubot", "kobot"}

// botCache remembers isBot's answers: real traffic repeats a few thousand
// User-Agents, and checking one against every marker costs more than the
// rest of a hit's parsing. It is cleared when full, so it stays small
// whatever clients send.
type botCache struct {
	mu sync.Mutex
	m  map[string]bool
}

const botCacheMax = 4096

func (c *botCache) isBot(ua string) bool {
	c.mu.Lock()
	bot, ok := c.m[ua]
	c.mu.Unlock()
	if ok {
		return bot
	}
	bot = isBot(ua)
	if len(ua) > 512 {
		return bot // not worth keeping
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= botCacheMax {
		c.m = make(map[string]bool, 256)
	}
	c.m[ua] = bot
	c.mu.Unlock()
	return bot
}

// isBot reports whether a User-Agent looks like a program rather than a
// person's browser. An empty User-Agent is a program.
func isBot(ua string) bool {
	if strings.TrimSpace(ua) == "" {
		return true
	}
	ua = strings.ToLower(ua)
	for _, m := range botMarkers {
		if strings.Contains(ua, m) {
			for _, nb := range notBots {
				if strings.Contains(ua, nb) && !strings.Contains(strings.ReplaceAll(ua, nb, ""), m) {
					return false
				}
			}
			return true
		}
	}
	// Real browsers all claim Mozilla/5.0 (or Opera); anything else
	// is a tool.
	return !strings.HasPrefix(ua, "mozilla/") && !strings.HasPrefix(ua, "opera/")
}
