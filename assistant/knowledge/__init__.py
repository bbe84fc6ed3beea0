"""Knowledge folder: turning the files people drop there into text chunks and images to index."""
