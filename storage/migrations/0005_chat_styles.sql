-- The picture style chosen for a chat with /style (NULL: the model's plain style).
ALTER TABLE chats ADD COLUMN style TEXT;
