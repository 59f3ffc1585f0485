// Package pageout gives pages of this process's file mappings back to the
// kernel (madvise MADV_PAGEOUT on Linux; nothing elsewhere): pages that a
// process read once and no longer needs, such as the parts of the
// executable that held the language models a worker has loaded, or the
// segments of an index that a build's merges read whole. It never loses
// data: a clean file page is read again from the file on its next
// access, and pages that other processes map too are left alone by the
// kernel (MADV_PAGEOUT skips them).
package pageout
