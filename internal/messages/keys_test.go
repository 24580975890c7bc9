package messages

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

// allKeys lists every constant of type Key declared in catalog.go.
func allKeys(t *testing.T) []Key {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "catalog.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var keys []Key
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for _, v := range vs.Values {
				lit, ok := v.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				keys = append(keys, Key(lit.Value[1:len(lit.Value)-1]))
			}
		}
	}
	if len(keys) == 0 {
		t.Fatal("found no keys in catalog.go")
	}
	return keys
}
