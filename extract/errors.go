package extract

import (
	"context"

	"github.com/docindex/docindex/extract/reader"
)

// The reader's errors (extract/reader), under the names callers of
// extract have always used; errors.Is matches either name.
var (
	ErrLimit                 = reader.ErrLimit
	ErrEmptyFile             = reader.ErrEmptyFile
	ErrNoPages               = reader.ErrNoPages
	ErrEncrypted             = reader.ErrEncrypted
	ErrEncryptionUnsupported = reader.ErrEncryptionUnsupported
	ErrDamaged               = reader.ErrDamaged
	ErrTruncated             = reader.ErrTruncated
)

// ReadPages parses PDF bytes into pages of positioned lines in reading
// order (extract/reader, then extract/layout).
func ReadPages(ctx context.Context, data []byte) ([]Page, error) {
	pages, _, err := readPages(ctx, data)
	return pages, err
}
