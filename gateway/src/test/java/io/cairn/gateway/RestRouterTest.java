package io.cairn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.cairn.gateway.RestEndpoint.Chunks;
import io.cairn.gateway.RestEndpoint.CreateBucket;
import io.cairn.gateway.RestEndpoint.DeleteFile;
import io.cairn.gateway.RestEndpoint.Download;
import io.cairn.gateway.RestEndpoint.GetMetadata;
import io.cairn.gateway.RestEndpoint.ListFiles;
import io.cairn.gateway.RestEndpoint.PutFile;
import io.cairn.gateway.RestEndpoint.PutMetadata;
import io.cairn.gateway.RestEndpoint.Upload;
import io.cairn.gateway.RestEndpoint.Versions;
import org.junit.jupiter.api.Test;

class RestRouterTest {
    @Test
    void documentedEndpointsParse() {
        assertThat(RestRouter.parse("POST", "/upload")).contains(new Upload());
        assertThat(RestRouter.parse("GET", "/files")).contains(new ListFiles());
        assertThat(RestRouter.parse("GET", "/download/a/b.txt")).contains(new Download("a/b.txt", false));
        assertThat(RestRouter.parse("HEAD", "/download/x")).contains(new Download("x", true));
        assertThat(RestRouter.parse("DELETE", "/delete/x y")).contains(new DeleteFile("x y"));
        assertThat(RestRouter.parse("GET", "/files/dir/f/chunks")).contains(new Chunks("dir/f"));
        assertThat(RestRouter.parse("GET", "/files/f/metadata")).contains(new GetMetadata("f"));
        assertThat(RestRouter.parse("PUT", "/files/f/metadata")).contains(new PutMetadata("f"));
        assertThat(RestRouter.parse("GET", "/files/f/versions")).contains(new Versions("f"));
        assertThat(RestRouter.parse("PUT", "/buckets/photos")).contains(new CreateBucket("photos"));
    }

    @Test
    void plainFilePathsAreFiles() {
        assertThat(RestRouter.parse("PUT", "/files/big.bin")).contains(new PutFile("big.bin"));
        assertThat(RestRouter.parse("GET", "/files/big.bin")).contains(new Download("big.bin", false));
        assertThat(RestRouter.parse("DELETE", "/files/a/b")).contains(new DeleteFile("a/b"));
        // A file literally named "chunks" is a file, not a sub-resource of nothing.
        assertThat(RestRouter.parse("GET", "/files/chunks")).contains(new Download("chunks", false));
    }

    @Test
    void wrongMethodsAndUnknownPathsDoNotParse() {
        assertThat(RestRouter.parse("DELETE", "/upload")).isEmpty();
        assertThat(RestRouter.knowsPath("/upload")).isTrue();
        assertThat(RestRouter.parse("POST", "/files/f/chunks")).isEmpty();
        assertThat(RestRouter.parse("GET", "/nowhere")).isEmpty();
        assertThat(RestRouter.knowsPath("/nowhere")).isFalse();
        assertThat(RestRouter.parse("GET", "/download/")).isEmpty();
    }

    @Test
    void copiesSharesAndUploadsInPartsParse() {
        assertThat(RestRouter.parse("POST", "/files/a/b.txt/copy")).contains(new RestEndpoint.CopyFile("a/b.txt"));
        assertThat(RestRouter.parse("POST", "/files/b.txt/share")).contains(new RestEndpoint.ShareFile("b.txt"));
        // Only POST reads them as actions: a file named "copy" is still a file.
        assertThat(RestRouter.parse("GET", "/files/a/copy")).contains(new Download("a/copy", false));
        assertThat(RestRouter.parse("PUT", "/files/a/share")).contains(new PutFile("a/share"));
        assertThat(RestRouter.parse("POST", "/uploads")).contains(new RestEndpoint.CreateUpload());
        assertThat(RestRouter.parse("PUT", "/uploads/u-1/7")).contains(new RestEndpoint.UploadPart("u-1", 7));
        assertThat(RestRouter.parse("GET", "/uploads/u-1")).contains(new RestEndpoint.ListParts("u-1"));
        assertThat(RestRouter.parse("POST", "/uploads/u-1")).contains(new RestEndpoint.CompleteUpload("u-1"));
        assertThat(RestRouter.parse("DELETE", "/uploads/u-1")).contains(new RestEndpoint.AbortUpload("u-1"));
        assertThat(RestRouter.parse("PUT", "/uploads/u-1/x")).isEmpty();
        assertThat(RestRouter.parse("PUT", "/uploads/u-1/123456")).isEmpty();
        assertThat(RestRouter.parse("PUT", "/uploads//1")).isEmpty();
        assertThat(RestRouter.parse("GET", "/uploads")).contains(new RestEndpoint.ListUploads());
        assertThat(RestRouter.parse("PUT", "/uploads")).isEmpty();
        assertThat(RestRouter.parse("DELETE", "/uploads")).isEmpty();
    }
}
