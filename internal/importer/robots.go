package importer

import (
	"bufio"
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// robots is what a site's robots.txt allows the importer: the rules of
// the group for its own agent name, else of the "*" group.
type robots struct {
	rules []robotsRule
	// delay is the Crawl-delay asked for, if any.
	delay time.Duration
	// disallowAll keeps the importer off the whole site: its robots.txt
	// could not be read.
	disallowAll bool
}

type robotsRule struct {
	allow  bool
	length int // the pattern's length: the longest match wins
	re     *regexp.Regexp
}

// parseRobots reads robots.txt as the Robots Exclusion Protocol (RFC 9309)
// describes it, for the agent named agent.
func parseRobots(data []byte, agent string) *robots {
	type group struct {
		agents []string
		rules  []robotsRule
		delay  time.Duration
	}
	var groups []*group
	var cur *group
	inAgents := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.TrimSpace(value)
		switch key {
		case "user-agent":
			if !inAgents {
				cur = &group{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, strings.ToLower(value))
			inAgents = true
			continue
		case "allow", "disallow":
			if cur != nil && value != "" {
				cur.rules = append(cur.rules, robotsRule{allow: key == "allow", length: len(value), re: robotsPattern(value)})
			}
		case "crawl-delay":
			if cur != nil {
				if s, err := strconv.ParseFloat(value, 64); err == nil && s > 0 {
					cur.delay = time.Duration(s * float64(time.Second))
				}
			}
		}
		inAgents = false
	}
	agent = strings.ToLower(agent)
	var mine, any []*group
	for _, g := range groups {
		for _, a := range g.agents {
			switch {
			case a == "*":
				any = append(any, g)
			case a != "" && strings.Contains(agent, a):
				mine = append(mine, g)
			}
		}
	}
	if len(mine) == 0 {
		mine = any
	}
	r := &robots{}
	for _, g := range mine {
		r.rules = append(r.rules, g.rules...)
		r.delay = max(r.delay, g.delay)
	}
	return r
}

// robotsPattern turns a robots.txt path pattern ("*" for any characters,
// a final "$" for the end) into a regular expression matching from the
// start of the path.
func robotsPattern(p string) *regexp.Regexp {
	end := strings.HasSuffix(p, "$")
	p = strings.TrimSuffix(p, "$")
	parts := strings.Split(p, "*")
	for i, s := range parts {
		parts[i] = regexp.QuoteMeta(s)
	}
	expr := "^" + strings.Join(parts, ".*")
	if end {
		expr += "$"
	}
	return regexp.MustCompile(expr)
}

// allowed reports whether the path (with its query) may be fetched: the
// longest matching rule decides, and allow wins a tie.
func (r *robots) allowed(pathAndQuery string) bool {
	if r == nil {
		return true
	}
	if r.disallowAll {
		return false
	}
	best, allow := -1, true
	for _, rule := range r.rules {
		if rule.re.MatchString(pathAndQuery) && (rule.length > best || rule.length == best && rule.allow) {
			best, allow = rule.length, rule.allow
		}
	}
	return allow
}
